import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { IrrepsLinear } from '../nn/irreps-linear';
import { ParameterSet } from '../nn/parameters';
import { SILU_NORMALIZER } from '../nn/radial-mlp';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { Rng } from '../util/random';
import { type Model, type ModelSnapshot, type PreparedBatch, uploadLabels } from './model';

/** A plain multilayer perceptron on raw coordinates: the non-equivariant baseline. */
export interface MlpConfig {
  /** Atoms per structure (Tetris: 4); the input has 3 × numPoints features. */
  numPoints: number;
  numClasses: number;
  /** Hidden widths (SiLU after each). */
  hidden: number[];
  /** Seeds the initial weights. */
  seed: number;
}

export const MLP_DEFAULTS: MlpConfig = { numPoints: 4, numClasses: 8, hidden: [64, 64], seed: 0 };

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
  constructor(
    readonly features: Tensor,
    readonly labels: Tensor | null,
  ) {}

  get size(): number {
    return this.features.shape[0];
  }

  dispose(): void {
    this.features.dispose();
    this.labels?.dispose();
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
    const sizes = [3 * c.numPoints, ...c.hidden, c.numClasses];
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

  get numClasses(): number {
    return this.config.numClasses;
  }

  get parameters(): Tensor[] {
    return this.params.tensors;
  }

  get parameterNames(): string[] {
    return this.params.names;
  }

  prepare(samples: readonly Sample[]): MlpBatch {
    const width = 3 * this.config.numPoints;
    const features = Tensor.from(
      this.gpu,
      sortedCoordinates(samples, this.config.numPoints),
      [samples.length, width],
      {
        label: 'mlp features',
      },
    );
    return new MlpBatch(features, uploadLabels(this.gpu, samples));
  }

  forward(ctx: Context, batch: MlpBatch): Tensor {
    let h = batch.features;
    this.layers.forEach((layer, i) => {
      h = layer.forward(ctx, h);
      if (i + 1 < this.layers.length) h = ops.silu(ctx, h);
    });
    return h;
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
