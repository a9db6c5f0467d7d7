import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { IrrepsLinear } from '../nn/irreps-linear';
import { ParameterSet } from '../nn/parameters';
import { SILU_NORMALIZER } from '../nn/radial-mlp';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { Rng } from '../util/random';
import {
  type BatchTargets,
  disposeTargets,
  type Model,
  type ModelSnapshot,
  type ModelTask,
  type PreparedBatch,
  uploadPositions,
  uploadTargets,
} from './model';

/**
 * A plain multilayer perceptron on raw coordinates: the non-equivariant baseline.
 * - classification: centred coordinates, atoms sorted by (x, y, z) → logits;
 * - regression: [positions, velocities, charges] of every atom in file order → a displacement per
 *   atom, added to its position;
 * - forces: positions in file order → energy (forces by autograd: the reshape is on the tape).
 */
export interface MlpConfig {
  task: ModelTask;
  /** Atoms per structure (Tetris: 4); the input has 3 × numPoints coordinates. */
  numPoints: number;
  /** Classes of the classification head (ignored by the other tasks). */
  numClasses: number;
  /** Hidden widths (SiLU after each). */
  hidden: number[];
  /** Seeds the initial weights. */
  seed: number;
}

export const MLP_DEFAULTS: MlpConfig = {
  task: 'classification',
  numPoints: 4,
  numClasses: 8,
  hidden: [64, 64],
  seed: 0,
};

/** Input features per structure: 3n coordinates, plus 3n velocities and n charges for regression. */
function inputWidth(c: MlpConfig): number {
  return c.task === 'regression' ? 7 * c.numPoints : 3 * c.numPoints;
}

/** Output columns per structure: logits, a displacement per atom, or one energy. */
function outputWidth(c: MlpConfig): number {
  return c.task === 'classification' ? c.numClasses : c.task === 'regression' ? 3 * c.numPoints : 1;
}

/** Velocities (3n) and charges (n, 0 when absent) of each structure, in atom order. */
function dynamicsFeatures(samples: readonly Sample[], numPoints: number): Float32Array {
  const out = new Float32Array(samples.length * 4 * numPoints);
  samples.forEach((s, b) => {
    if (!s.velocities) throw new RangeError(`mlp: sample ${b} has no velocities (regression input)`);
    out.set(s.velocities, b * 4 * numPoints);
    if (s.structure.charges) out.set(s.structure.charges, b * 4 * numPoints + 3 * numPoints);
  });
  return out;
}

/**
 * Input features: each structure centred on its centroid, atoms sorted lexicographically by
 * (x, y, z) (so the input does not depend on the atom order), flattened. Nothing makes these
 * features rotation-invariant: that is what the baseline is for.
 */
export function sortedCoordinates(samples: readonly Sample[], numPoints: number): Float32Array {
  const out = new Float32Array(samples.length * 3 * numPoints);
  samples.forEach((s, b) => {
    const p = s.structure.positions;
    if (p.length !== 3 * numPoints)
      throw new RangeError(`mlp: sample ${b} has ${p.length / 3} atoms, the model takes ${numPoints}`);
    const centre = [0, 1, 2].map((c) => {
      let sum = 0;
      for (let i = 0; i < numPoints; i++) sum += p[3 * i + c];
      return sum / numPoints;
    });
    const atoms = Array.from({ length: numPoints }, (_, i) => [0, 1, 2].map((c) => p[3 * i + c] - centre[c]));
    atoms.sort((a, b2) => a[0] - b2[0] || a[1] - b2[1] || a[2] - b2[2]);
    out.set(atoms.flat(), b * 3 * numPoints);
  });
  return out;
}

export class MlpBatch implements PreparedBatch {
  readonly labels: Tensor | null;
  readonly vectors: Tensor | null;
  readonly energies: Tensor | null;
  readonly forces: Tensor | null;

  constructor(
    readonly size: number,
    readonly positions: Tensor,
    /** Classification: sorted centred coordinates; regression: velocities and charges; else null. */
    readonly features: Tensor | null,
    targets: BatchTargets,
  ) {
    ({ labels: this.labels, vectors: this.vectors, energies: this.energies, forces: this.forces } = targets);
  }

  get numNodes(): number {
    return this.positions.shape[0];
  }

  dispose(): void {
    this.positions.dispose();
    this.features?.dispose();
    disposeTargets(this);
  }
}

/** logits = W_k·SiLU(… SiLU(W_1·x + b_1) …) + b_k. */
export class MlpModel implements Model<MlpConfig, MlpBatch> {
  readonly kind = 'mlp';
  readonly config: MlpConfig;
  private readonly params: ParameterSet;
  private readonly layers: IrrepsLinear[] = [];

  constructor(
    private readonly gpu: Gpu,
    config: Partial<MlpConfig> = {},
  ) {
    this.config = { ...MLP_DEFAULTS, ...config };
    const c = this.config;
    this.params = new ParameterSet(gpu, new Rng(c.seed));
    const scope = this.params.scope('mlp');
    const sizes = [inputWidth(c), ...c.hidden, outputWidth(c)];
    // Dense layers are scalar-irreps Linears: W N(0, 1), 1/√fan_in (and SiLU's normaliser) in the forward.
    for (let i = 0; i + 1 < sizes.length; i++) {
      const opts = { bias: true, inputScale: i > 0 ? SILU_NORMALIZER : 1 };
      this.layers.push(
        new IrrepsLinear(scope.scope(`layer${i}`), `${sizes[i]}x0e`, `${sizes[i + 1]}x0e`, opts),
      );
    }
  }

  get name(): string {
    return `mlp-h${this.config.hidden.join('x')}`;
  }

  get task(): ModelTask {
    return this.config.task;
  }

  get numClasses(): number {
    const t = this.config.task;
    return t === 'classification' ? this.config.numClasses : t === 'regression' ? 3 : 1;
  }

  get parameters(): Tensor[] {
    return this.params.tensors;
  }

  get parameterNames(): string[] {
    return this.params.names;
  }

  async prepare(samples: readonly Sample[]): Promise<MlpBatch> {
    const c = this.config;
    samples.forEach((s, b) => {
      if (s.structure.species.length !== c.numPoints)
        throw new RangeError(
          `mlp: sample ${b} has ${s.structure.species.length} atoms, the model takes ${c.numPoints}`,
        );
    });
    const B = samples.length;
    let features: Tensor | null = null;
    if (c.task === 'classification')
      features = Tensor.from(this.gpu, sortedCoordinates(samples, c.numPoints), [B, 3 * c.numPoints], {
        label: 'mlp features',
      });
    else if (c.task === 'regression')
      features = Tensor.from(this.gpu, dynamicsFeatures(samples, c.numPoints), [B, 4 * c.numPoints], {
        label: 'mlp dynamics features',
      });
    const positions = uploadPositions(this.gpu, samples, c.task === 'forces');
    return new MlpBatch(B, positions, features, uploadTargets(this.gpu, samples));
  }

  forward(ctx: Context, batch: MlpBatch): Tensor {
    const c = this.config;
    const coordinates = ops.reshape(ctx, batch.positions, [batch.size, 3 * c.numPoints]);
    let h =
      c.task === 'classification'
        ? (batch.features as Tensor)
        : c.task === 'regression'
          ? ops.concat(ctx, [coordinates, batch.features as Tensor])
          : coordinates;
    this.layers.forEach((layer, i) => {
      h = layer.forward(ctx, h);
      if (i + 1 < this.layers.length) h = ops.silu(ctx, h);
    });
    if (c.task !== 'regression') return h;
    return ops.add(ctx, batch.positions, ops.reshape(ctx, h, [batch.numNodes, 3]));
  }

  async save(): Promise<ModelSnapshot<MlpConfig>> {
    return { kind: 'mlp', config: { ...this.config }, parameters: await this.params.snapshot() };
  }

  load(snapshot: ModelSnapshot<MlpConfig>): void {
    this.params.load(snapshot.parameters);
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
    this.params.dispose();
  }
}
