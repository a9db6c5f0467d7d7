import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { FacetBlock } from '../nn/facet-block';
import { IrrepsLinear } from '../nn/irreps-linear';
import { ParameterSet } from '../nn/parameters';
import type { GridActivation } from '../nn/s2-grid-mixing';
import { isGaunt, type TpKind } from '../nn/tensor-product-layer';
import { signalIrreps } from '../o3/gaunt-layout';
import { Irreps } from '../o3/irreps';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { Rng } from '../util/random';
import { GraphModelBatch } from './graph-model-batch';
import type { LayerTrace, Model, ModelSnapshot, ModelTask, TaskConfig } from './model';

/** Facet-style interatomic model (spline radial weights, S2 grid mixing); see docs/models.md. */
export interface FacetConfig extends TaskConfig {
  /** Edge product: 'cg' (channelwise uvu, SH-parity outputs kept) or a Gaunt route. */
  tp: TpKind;
  /** Multiplicity C of every hidden irrep: hidden = C×(0e + 1o + 2e + … + L). */
  channels: number;
  /** Highest degree of the hidden features and of the edge harmonics. */
  lmax: number;
  layers: number;
  /** Radius-graph cutoff, also the spline's support. */
  cutoff: number;
  /** Cubic B-spline basis functions (control points per weight), ≥ 4. */
  splineBasis: number;
  /** Hidden width of the pointwise grid MLP. */
  mixHidden: number;
  /** Gauss–Legendre nodes of the mixing grid (n × 2n points), ≥ lmax + 1. */
  gridTheta: number;
  /** 'identity' makes the grid MLP linear: exactly equivariant, no nonlinearity (a test aid). */
  gridActivation: GridActivation;
  /** Messages are divided by √avgNumNeighbors. */
  avgNumNeighbors: number;
  seed: number;
}

export const FACET_DEFAULTS: FacetConfig = {
  task: 'classification',
  numSpecies: 1,
  numClasses: 8,
  velocities: false,
  energyScale: 1,
  energyShift: 0,
  tp: 'cg',
  channels: 8,
  lmax: 2,
  layers: 3,
  cutoff: 1.1,
  splineBasis: 8,
  mixHidden: 16,
  gridTheta: 8,
  gridActivation: 'quadratic',
  avgNumNeighbors: 1.5,
  seed: 0,
};

/** The batch the model reads (shared with the other interaction networks). */
export type FacetBatch = GraphModelBatch;

/**
 * Facet-style model (after "Facet: highly efficient E(3)-equivariant networks for interatomic
 * potentials"): species embedding → `layers` blocks (CG or Gaunt edge product weighted by cubic
 * B-spline radial functions, S2 grid mixing as the nonlinearity) → task head: pooled 0e → logits,
 * Σ per-atom 0e energies (forces by autograd), or positions + a 1o displacement. Hidden features
 * carry only the spherical-harmonic parity, so the model is exactly invariant under inversion
 * (and cannot tell mirror images apart); rotations are exact up to the grid's aliasing.
 */
export class FacetModel implements Model<FacetConfig, FacetBatch> {
  readonly kind = 'facet';
  readonly config: FacetConfig;
  readonly hidden: Irreps;
  /** Irreps the first block reads: the embedded scalars (and the velocity). */
  readonly inputIrreps: Irreps;
  private readonly params: ParameterSet;
  private readonly embed: IrrepsLinear;
  private readonly blocks: FacetBlock[] = [];
  private readonly head: IrrepsLinear;

  constructor(
    private readonly gpu: Gpu,
    config: Partial<FacetConfig> = {},
  ) {
    this.config = { ...FACET_DEFAULTS, ...config };
    const c = this.config;
    this.hidden = new Irreps(signalIrreps({ channels: c.channels, lmax: c.lmax }));
    checkConfig(c); // before any GPU allocation, so a bad config leaks nothing
    this.params = new ParameterSet(gpu, new Rng(c.seed));
    const scope = this.params.scope('facet');
    const embedded = new Irreps(`${c.channels}x0e`);
    this.embed = new IrrepsLinear(scope.scope('embed'), `${c.numSpecies}x0e`, embedded);
    // Velocities join the embedded scalars as one 1o feature per atom.
    this.inputIrreps = c.velocities ? new Irreps(`${c.channels}x0e+1x1o`) : embedded;
    for (let i = 0; i < c.layers; i++)
      this.blocks.push(
        new FacetBlock(scope.scope(`layer${i}`), i === 0 ? this.inputIrreps : this.hidden, this.hidden, c),
      );
    const head = scope.scope('head');
    const C = c.channels;
    if (c.task === 'classification')
      this.head = new IrrepsLinear(head.scope('scalars'), `${C}x0e`, `${c.numClasses}x0e`, { bias: true });
    else if (c.task === 'forces') this.head = new IrrepsLinear(head.scope('energy'), `${C}x0e`, '1x0e');
    else this.head = new IrrepsLinear(head.scope('vector'), this.hidden, '1x1o');
  }

  get task(): ModelTask {
    return this.config.task;
  }

  get name(): string {
    const c = this.config;
    const activation = c.gridActivation === 'quadratic' ? '' : `-${c.gridActivation}`;
    return `facet-${c.tp}-c${c.channels}-l${c.lmax}-x${c.layers}-g${c.gridTheta}${activation}`;
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

  prepare(samples: readonly Sample[]): Promise<FacetBatch> {
    const c = this.config;
    return GraphModelBatch.prepare(this.gpu, samples, { model: 'facet', ...c });
  }

  /** Node features after the embedding and after every block (the last: [N, hidden.dim]). */
  features(ctx: Context, batch: FacetBatch): LayerTrace[] {
    const g = batch.graph;
    const { vectors, lengths } = g.edgeGeometry(ctx);
    const sh = ops.sphericalHarmonics(ctx, vectors, this.config.lmax, {
      normalize: true,
      normalization: 'component',
    });
    const edges = { senders: g.senders, receivers: g.receivers, sh, lengths };
    let h = this.embed.forward(ctx, g.oneHot);
    if (batch.velocities) h = ops.concat(ctx, [h, batch.velocities]);
    const trace: LayerTrace[] = [{ name: 'embedding', irreps: this.inputIrreps.toString(), tensor: h }];
    this.blocks.forEach((block, i) => {
      h = block.forward(ctx, h, edges);
      trace.push({ name: `block ${i + 1}`, irreps: this.hidden.toString(), tensor: h });
    });
    return trace;
  }

  /** Per-atom features of every layer, for the equivariance probe (irreps in e3nn order). */
  trace(ctx: Context, batch: FacetBatch): LayerTrace[] {
    return this.features(ctx, batch);
  }

  forward(ctx: Context, batch: FacetBatch): Tensor {
    const c = this.config;
    const trace = this.features(ctx, batch);
    const h = trace[trace.length - 1].tensor;
    if (c.task === 'regression') return ops.add(ctx, batch.positions, this.head.forward(ctx, h));
    // The C scalars (0e) lead the hidden layout.
    const scalars = ops.slice(ctx, h, 0, c.channels);
    if (c.task === 'classification')
      return this.head.forward(ctx, ops.segmentSum(ctx, scalars, batch.graph.nodeGraph));
    const atomic = this.head.forward(ctx, scalars);
    const total = ops.scale(ctx, ops.segmentSum(ctx, atomic, batch.graph.nodeGraph), c.energyScale);
    return batch.energyOffset ? ops.add(ctx, total, batch.energyOffset) : total;
  }

  async save(): Promise<ModelSnapshot<FacetConfig>> {
    return { kind: 'facet', config: { ...this.config }, parameters: await this.params.snapshot() };
  }

  load(snapshot: ModelSnapshot<FacetConfig>): void {
    this.params.load(snapshot.parameters);
  }

  dispose(): void {
    this.embed.dispose();
    for (const b of this.blocks) b.dispose();
    this.head.dispose();
    this.params.dispose();
  }
}

/** Every atom's input velocity, [N, 3]; each sample must have one per atom. */
function checkConfig(c: FacetConfig): void {
  if (c.velocities && isGaunt(c.tp))
    throw new RangeError('facet: velocities (a 1o input beside scalars) need the cg product');
  if (!Number.isInteger(c.splineBasis) || c.splineBasis < 4)
    throw new RangeError(`facet: splineBasis ${c.splineBasis} < 4`);
  if (!Number.isInteger(c.gridTheta) || c.gridTheta < c.lmax + 1)
    throw new RangeError(`facet: gridTheta ${c.gridTheta} < lmax + 1 = ${c.lmax + 1}`);
}
