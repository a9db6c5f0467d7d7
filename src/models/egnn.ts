import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { ParameterSet } from '../nn/parameters';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { Rng } from '../util/random';
import { EgnnBatch } from './egnn-batch';
import { Dense, Egcl, type EgclState, Mlp } from './egnn-layer';
import type { LayerTrace, Model, ModelSnapshot, ModelTask, TaskConfig } from './model';

/** E(n)-equivariant graph network (Satorras, Hoogeboom & Welling, ICML 2021). */
export interface EgnnConfig extends TaskConfig {
  /** Width of h, of the messages and of every φ's hidden layer. */
  hidden: number;
  /** EGCL layers. */
  layers: number;
  /** 'full': all pairs within a structure (EGNN's n-body graph); 'radius': pairs closer than `cutoff`. */
  edges: 'full' | 'radius';
  cutoff: number;
  /**
   * The n-body variant (eq. 7): ‖v‖ joins the node inputs and each layer moves x by
   * v_i = φ_v(h_i)·v_i⁰ + C Σ_j (x_i − x_j) φ_x(m_ij). Needs `Sample.velocities`. Default: task === 'regression'.
   */
  velocities: boolean;
  /**
   * Velocity variant: the untrained model predicts x + velocityStep·v (φ_v starts near
   * velocityStep/layers in every layer: bias, and last-layer weights at `coordGain`). n-body: 1,
   * the data set's Δt (10 frames × 100 steps × dt 0.001), so training starts from the
   * constant-velocity guess instead of a random displacement.
   */
  velocityStep: number;
  /** 'mean': C = 1/deg(i) (1/(M − 1) on full graphs, as the paper); 'sum': C = 1. */
  aggregation: 'mean' | 'sum';
  /** Scale of φ_x's last-layer initial weights (the reference code: Xavier with gain 0.001). */
  coordGain: number;
  /** Seeds the initial weights. */
  seed: number;
}

export const EGNN_DEFAULTS: Omit<EgnnConfig, 'velocities'> = {
  task: 'classification',
  numSpecies: 1,
  numClasses: 8,
  hidden: 32,
  layers: 4,
  edges: 'full',
  cutoff: 5,
  aggregation: 'mean',
  coordGain: 0.001,
  velocityStep: 1,
  energyScale: 1,
  energyShift: 0,
  seed: 0,
};

/** Defaults filled in, `velocities` resolved from the task. */
export function egnnConfig(config: Partial<EgnnConfig> = {}): EgnnConfig {
  const c = { ...EGNN_DEFAULTS, ...config };
  return { ...c, velocities: config.velocities ?? c.task === 'regression' };
}

/**
 * species one-hot (‖v‖) ─Dense─▶ h⁰, positions x⁰ ──EGCL × layers──▶ (h, x), then by task:
 * classification: logits = MLP(Σ_atoms h); regression: x (n-body: positions 1000 steps ahead);
 * forces: E = energyScale·Σ_atoms MLP(h) + energyShift·atoms, forces = −∂E/∂x⁰ through the tape.
 * Everything is E(3)-equivariant, reflections included: logits and energies are O(3)-invariant,
 * so the classifier cannot tell a shape from its mirror image.
 */
export class EgnnModel implements Model<EgnnConfig, EgnnBatch> {
  readonly kind = 'egnn';
  readonly config: EgnnConfig;
  private readonly params: ParameterSet;
  private readonly embed: Dense;
  private readonly blocks: Egcl[] = [];
  private readonly head: Mlp | null;

  constructor(
    private readonly gpu: Gpu,
    config: Partial<EgnnConfig> = {},
  ) {
    this.config = egnnConfig(config);
    const c = this.config;
    for (const [k, v] of [
      ['hidden', c.hidden],
      ['layers', c.layers],
      ['numSpecies', c.numSpecies],
      ['numClasses', c.numClasses],
    ] as const) {
      if (!(Number.isInteger(v) && v >= 1))
        throw new RangeError(`egnn: ${k} must be a positive integer, got ${v}`);
    }
    if (c.edges === 'radius' && !(c.cutoff > 0))
      throw new RangeError(`egnn: cutoff must be > 0, got ${c.cutoff}`);
    this.params = new ParameterSet(gpu, new Rng(c.seed));
    const scope = this.params.scope('egnn');
    const H = c.hidden;
    this.embed = new Dense(scope.scope('embed'), c.numSpecies + (c.velocities ? 1 : 0), H);
    for (let i = 0; i < c.layers; i++) {
      // An invariant head never reads the last layer's positions: it gets no φ_x.
      const updatePositions = c.task === 'regression' || i + 1 < c.layers;
      this.blocks.push(
        new Egcl(scope.scope(`layer${i}`), H, {
          updatePositions,
          velocity: c.velocities,
          coordGain: c.coordGain,
          velocityInit: c.velocityStep / c.layers,
        }),
      );
    }
    this.head =
      c.task === 'regression'
        ? null
        : new Mlp(scope.scope('head'), [H, H, c.task === 'forces' ? 1 : c.numClasses], false);
  }

  get task(): ModelTask {
    return this.config.task;
  }

  get name(): string {
    const c = this.config;
    return `egnn-h${c.hidden}-x${c.layers}${c.velocities ? '-v' : ''}${c.edges === 'radius' ? `-r${c.cutoff}` : ''}`;
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

  async prepare(samples: readonly Sample[]): Promise<EgnnBatch> {
    const c = this.config;
    return new EgnnBatch(this.gpu, samples, {
      numSpecies: c.numSpecies,
      edges: c.edges,
      cutoff: c.cutoff,
      velocity: c.velocities,
      aggregation: c.aggregation,
      positionsRequireGrad: c.task === 'forces',
      energyShift: c.task === 'forces' ? c.energyShift : 0,
    });
  }

  /** h and x after every layer; `traces` (if given) receives them as probe entries. */
  private layersForward(ctx: Context, batch: EgnnBatch, traces?: LayerTrace[]): EgclState {
    let state: EgclState = { h: this.embed.forward(ctx, batch.nodeInputs), x: batch.positions };
    this.blocks.forEach((block, i) => {
      state = block.forward(ctx, batch, state, batch.velocities);
      traces?.push({ name: `layer${i}.h`, irreps: `${this.config.hidden}x0e`, tensor: state.h });
      traces?.push({ name: `layer${i}.x`, irreps: '1x1o', tensor: state.x, positions: true });
      if (state.v) traces?.push({ name: `layer${i}.v`, irreps: '1x1o', tensor: state.v });
    });
    return state;
  }

  forward(ctx: Context, batch: EgnnBatch): Tensor {
    const { h, x } = this.layersForward(ctx, batch);
    if (!this.head) return x;
    if (this.config.task === 'forces') {
      const atomic = ops.segmentSum(ctx, this.head.forward(ctx, h), batch.nodeGraph);
      const energies = ops.scale(ctx, atomic, this.config.energyScale);
      return batch.energyOffsets ? ops.add(ctx, energies, batch.energyOffsets) : energies;
    }
    return this.head.forward(ctx, ops.segmentSum(ctx, h, batch.nodeGraph));
  }

  /** Per-layer h ("H×0e", invariant), x ("1x1o", moves with translations) and, n-body, v ("1x1o"). */
  trace(ctx: Context, batch: EgnnBatch): LayerTrace[] {
    const traces: LayerTrace[] = [];
    this.layersForward(ctx, batch, traces);
    return traces;
  }

  async save(): Promise<ModelSnapshot<EgnnConfig>> {
    return { kind: 'egnn', config: { ...this.config }, parameters: await this.params.snapshot() };
  }

  load(snapshot: ModelSnapshot<EgnnConfig>): void {
    this.params.load(snapshot.parameters);
  }

  dispose(): void {
    this.embed.dispose();
    for (const b of this.blocks) b.dispose();
    this.head?.dispose();
    this.params.dispose();
  }
}
