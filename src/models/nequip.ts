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
import { batchStructures, DeviceGraph } from './graph-batch';
import { type Model, type ModelSnapshot, type PreparedBatch, uploadLabels } from './model';

/** NequIP/MACE-lite interaction network with an invariant classification head. */
export interface NequipConfig {
  numSpecies: number;
  numClasses: number;
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

export class NequipBatch implements PreparedBatch {
  constructor(
    readonly graph: DeviceGraph,
    readonly labels: Tensor | null,
  ) {}

  get size(): number {
    return this.graph.batch.numGraphs;
  }

  dispose(): void {
    this.graph.dispose();
    this.labels?.dispose();
  }
}

/** What the head reads: pooled invariants, and the logits built from them. */
export interface NequipReadout {
  logits: Tensor;
  /** Σ over atoms of the 0e channels, [B, C]. */
  scalars: Tensor;
  /** Σ over atoms of the 0o channels, [B, C] (null for Gaunt models, which have none). */
  pseudoscalars: Tensor | null;
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
  private readonly head: { scalar: IrrepsLinear; pseudo: IrrepsLinear | null };
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
    for (let i = 0; i < c.layers; i++) {
      this.blocks.push(
        new Interaction(scope.scope(`layer${i}`), {
          irrepsIn: i === 0 ? embedded : this.hidden,
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
    this.head = {
      scalar: new IrrepsLinear(head.scope('scalars'), `${C}x0e`, `${K}x0e`, { bias: true }),
      // Pseudoscalar in, pseudoscalar out: the part of each logit that flips under a reflection.
      pseudo: isGaunt(c.tp) ? null : new IrrepsLinear(head.scope('pseudoscalars'), `${C}x0o`, `${K}x0o`),
    };
  }

  get name(): string {
    const c = this.config;
    return `nequip-${c.tp}-c${c.channels}-l${c.lmax}-x${c.layers}`;
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

  prepare(samples: readonly Sample[]): NequipBatch {
    const batch = batchStructures(
      samples.map((s) => s.structure),
      this.config.cutoff,
    );
    const graph = new DeviceGraph(this.gpu, batch, this.config.numSpecies, this.basis);
    return new NequipBatch(graph, uploadLabels(this.gpu, samples));
  }

  readout(ctx: Context, batch: NequipBatch): NequipReadout {
    const g = batch.graph;
    const sh = ops.sphericalHarmonics(ctx, g.edgeVectors, this.config.lmax, {
      normalize: true,
      normalization: 'component',
    });
    const edges = { senders: g.senders, receivers: g.receivers, sh, radial: g.radial };
    let h = this.embed.forward(ctx, g.oneHot);
    for (const block of this.blocks) h = block.forward(ctx, h, edges);
    const pooled = ops.segmentSum(ctx, h, g.nodeGraph);
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

  forward(ctx: Context, batch: NequipBatch): Tensor {
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
    this.head.scalar.dispose();
    this.head.pseudo?.dispose();
    this.params.dispose();
  }
}
