import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { Interaction } from '../nn/interaction';
import { IrrepsLinear } from '../nn/irreps-linear';
import { ParameterSet } from '../nn/parameters';
import type { RadialBasisSpec } from '../nn/radial';
import { isGaunt, type TpKind } from '../nn/tensor-product-layer';
import { Irreps } from '../o3/irreps';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { Rng } from '../util/random';
import { GraphModelBatch } from './graph-model-batch';
import type { LayerTrace, Model, ModelSnapshot, ModelTask, TaskConfig } from './model';

/**
 * NequIP/MACE-lite interaction network with heads for the three tasks: invariant logits
 * (classification), an energy with forces from autograd (forces), or a 1o vector per atom added
 * to its position (regression, n-body).
 */
export interface NequipConfig extends TaskConfig {
  /** Edge product: 'cg' (all parity paths) or a Gaunt route (even paths only; no pseudoscalars). */
  tp: TpKind;
  /** Multiplicity of every hidden irrep. */
  channels: number;
  /** Highest degree of the hidden features and of the edge harmonics. */
  lmax: number;
  /** Interaction blocks. */
  layers: number;
  /** Radius-graph cutoff, also the radial basis cutoff. */
  cutoff: number;
  /** Bessel basis functions (NequIP's, with the p = 6 polynomial envelope). */
  radialBasis: number;
  radialHidden: number[];
  /** Messages are divided by √avgNumNeighbors. */
  avgNumNeighbors: number;
  /** Seeds the initial weights. */
  seed: number;
}

export const NEQUIP_DEFAULTS: NequipConfig = {
  task: 'classification',
  velocities: false,
  energyScale: 1,
  energyShift: 0,
  numSpecies: 1,
  numClasses: 8,
  tp: 'cg',
  channels: 8,
  lmax: 2,
  layers: 3,
  cutoff: 1.1,
  radialBasis: 8,
  radialHidden: [16],
  avgNumNeighbors: 1.5,
  seed: 0,
};

/**
 * Hidden irreps: CG carries both parities of every degree ("C×0e + C×0o + C×1o + C×1e + …"), so
 * pseudoscalars (0o) can arise from 1o ⊗ 1e; a Gaunt model carries only the spherical-harmonic
 * parity (−1)^l ("C×0e + C×1o + C×2e"), the only signals its product takes and makes.
 */
export function hiddenIrreps(config: Pick<NequipConfig, 'tp' | 'channels' | 'lmax'>): Irreps {
  const C = config.channels;
  const parts = [`${C}x0e`];
  if (!isGaunt(config.tp)) parts.push(`${C}x0o`);
  for (let l = 1; l <= config.lmax; l++) {
    const natural = l % 2 === 0 ? 'e' : 'o';
    parts.push(`${C}x${l}${natural}`);
    if (!isGaunt(config.tp)) parts.push(`${C}x${l}${natural === 'e' ? 'o' : 'e'}`);
  }
  return new Irreps(parts.join(' + '));
}

/** The batch the model reads (shared with the other interaction networks). */
export type NequipBatch = GraphModelBatch;

/** What the classification head reads: pooled invariants, and the logits built from them. */
export interface NequipReadout {
  logits: Tensor;
  /** Σ over atoms of the 0e channels, [B, C]. */
  scalars: Tensor;
  /** Σ over atoms of the 0o channels, [B, C] (null for Gaunt models, which have none). */
  pseudoscalars: Tensor | null;
}

interface Heads {
  /** Classification: pooled 0e → K×0e, pooled 0o → K×0o. */
  scalar: IrrepsLinear | null;
  pseudo: IrrepsLinear | null;
  /** Forces: per-atom 0e channels → the atom's energy. */
  energy: IrrepsLinear | null;
  /** Regression: hidden → one 1o vector per atom. */
  vector: IrrepsLinear | null;
}

/**
 * Embedding (species one-hot → C×0e) → `layers` interaction blocks → sum over each structure's
 * atoms → logits = W·s + b + V·p from the pooled scalars s (0e) and pseudoscalars p (0o).
 * The logits are invariant under rotations; under a reflection p changes sign, which is how the
 * model tells mirror images (the chiral Tetris pair) apart — e3nn's Tetris example outputs
 * "0o + 6x0e" for the same reason. A Gaunt model has no p and cannot.
 */
export class NequipModel implements Model<NequipConfig, NequipBatch> {
  readonly kind = 'nequip';
  readonly config: NequipConfig;
  readonly hidden: Irreps;
  private readonly params: ParameterSet;
  private readonly embed: IrrepsLinear;
  private readonly blocks: Interaction[] = [];
  private readonly head: Heads;
  private readonly basis: RadialBasisSpec;

  constructor(
    private readonly gpu: Gpu,
    config: Partial<NequipConfig> = {},
  ) {
    this.config = { ...NEQUIP_DEFAULTS, ...config };
    const c = this.config;
    this.hidden = hiddenIrreps(c);
    this.basis = { kind: 'bessel', count: c.radialBasis, cutoff: c.cutoff };
    this.params = new ParameterSet(gpu, new Rng(c.seed));
    const scope = this.params.scope('nequip');
    const embedded = new Irreps(`${c.channels}x0e`);
    this.embed = new IrrepsLinear(scope.scope('embed'), `${c.numSpecies}x0e`, embedded);
    // Velocities join the embedded scalars as one 1o feature per atom.
    const firstIn = c.velocities ? new Irreps(`${c.channels}x0e+1x1o`) : embedded;
    for (let i = 0; i < c.layers; i++) {
      this.blocks.push(
        new Interaction(scope.scope(`layer${i}`), {
          irrepsIn: i === 0 ? firstIn : this.hidden,
          irrepsOut: this.hidden,
          tp: c.tp,
          lmaxSh: c.lmax,
          radialBasis: c.radialBasis,
          radialHidden: c.radialHidden,
          avgNumNeighbors: c.avgNumNeighbors,
        }),
      );
    }
    const head = scope.scope('head');
    const [C, K] = [c.channels, c.numClasses];
    const classify = c.task === 'classification';
    this.head = {
      scalar: classify ? new IrrepsLinear(head.scope('scalars'), `${C}x0e`, `${K}x0e`, { bias: true }) : null,
      // Pseudoscalar in, pseudoscalar out: the part of each logit that flips under a reflection.
      pseudo:
        classify && !isGaunt(c.tp)
          ? new IrrepsLinear(head.scope('pseudoscalars'), `${C}x0o`, `${K}x0o`)
          : null,
      energy: c.task === 'forces' ? new IrrepsLinear(head.scope('energy'), `${C}x0e`, '1x0e') : null,
      vector: c.task === 'regression' ? new IrrepsLinear(head.scope('vector'), this.hidden, '1x1o') : null,
    };
  }

  get task(): ModelTask {
    return this.config.task;
  }

  get name(): string {
    const c = this.config;
    return `nequip-${c.tp}-c${c.channels}-l${c.lmax}-x${c.layers}`;
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

  prepare(samples: readonly Sample[]): Promise<NequipBatch> {
    const c = this.config;
    return GraphModelBatch.prepare(this.gpu, samples, { model: 'nequip', ...c });
  }

  /** Node features after the embedding and after every interaction block. */
  private features(ctx: Context, batch: NequipBatch): { trace: LayerTrace[]; h: Tensor } {
    const g = batch.graph;
    const c = this.config;
    const geometry = g.edgeGeometry(ctx);
    const sh = ops.sphericalHarmonics(ctx, geometry.vectors, c.lmax, {
      normalize: true,
      normalization: 'component',
    });
    const radial = ops.radialBasis(ctx, geometry.lengths, this.basis);
    const edges = { senders: g.senders, receivers: g.receivers, sh, radial };
    let h = this.embed.forward(ctx, g.oneHot);
    if (batch.velocities) h = ops.concat(ctx, [h, batch.velocities]);
    const trace: LayerTrace[] = [
      { name: 'embedding', irreps: this.blocks[0]?.irrepsIn.toString() ?? '', tensor: h },
    ];
    this.blocks.forEach((block, i) => {
      h = block.forward(ctx, h, edges);
      trace.push({ name: `interaction ${i + 1}`, irreps: block.irrepsOut.toString(), tensor: h });
    });
    return { trace, h };
  }

  /** Per-atom features of every layer, for the equivariance probe (irreps in e3nn order). */
  trace(ctx: Context, batch: NequipBatch): LayerTrace[] {
    return this.features(ctx, batch).trace;
  }

  readout(ctx: Context, batch: NequipBatch): NequipReadout {
    if (!this.head.scalar) throw new RangeError('readout: this nequip model is not a classifier');
    const pooled = ops.segmentSum(ctx, this.features(ctx, batch).h, batch.graph.nodeGraph);
    const C = this.config.channels;
    const scalars = ops.slice(ctx, pooled, 0, C);
    let logits = this.head.scalar.forward(ctx, scalars);
    let pseudoscalars: Tensor | null = null;
    if (this.head.pseudo) {
      // The 0o block follows the C scalars 0e in the hidden layout.
      pseudoscalars = ops.slice(ctx, pooled, C, C);
      logits = ops.add(ctx, logits, this.head.pseudo.forward(ctx, pseudoscalars));
    }
    return { logits, scalars, pseudoscalars };
  }

  /** Scaled per-atom energies eᵢ [N, 1] (without the shift) from the leading 0e channels. */
  private scaledAtomic(ctx: Context, batch: NequipBatch): Tensor {
    if (!this.head.energy) throw new RangeError('nequip: only a task "forces" model has atom energies');
    const h = this.features(ctx, batch).h;
    const atomic = this.head.energy.forward(ctx, ops.slice(ctx, h, 0, this.config.channels));
    return ops.scale(ctx, atomic, this.config.energyScale);
  }

  /** Per-atom energies scale·eᵢ + shift [N, 1]; each structure's rows sum to its energy. */
  atomEnergies(ctx: Context, batch: NequipBatch): Tensor {
    const scaled = this.scaledAtomic(ctx, batch);
    if (this.config.energyShift === 0) return scaled;
    const shift = ctx.constant(this.config.energyShift, scaled.shape, 'energy shift per atom');
    return ops.add(ctx, scaled, shift);
  }

  forward(ctx: Context, batch: NequipBatch): Tensor {
    const { energy, vector } = this.head;
    if (energy) {
      let total = ops.segmentSum(ctx, this.scaledAtomic(ctx, batch), batch.graph.nodeGraph);
      if (batch.energyOffset) total = ops.add(ctx, total, batch.energyOffset);
      return total;
    }
    if (vector) {
      const displacement = vector.forward(ctx, this.features(ctx, batch).h);
      return ops.add(ctx, batch.positions, displacement);
    }
    return this.readout(ctx, batch).logits;
  }

  async save(): Promise<ModelSnapshot<NequipConfig>> {
    return { kind: 'nequip', config: { ...this.config }, parameters: await this.params.snapshot() };
  }

  load(snapshot: ModelSnapshot<NequipConfig>): void {
    this.params.load(snapshot.parameters);
  }

  dispose(): void {
    this.embed.dispose();
    for (const b of this.blocks) b.dispose();
    for (const h of Object.values(this.head)) h?.dispose();
    this.params.dispose();
  }
}
