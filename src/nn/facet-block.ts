import type { Irreps } from '../o3/irreps';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { SegmentIndex } from '../tensor/segment-index';
import type { Tensor } from '../tensor/tensor';
import { IrrepsLinear } from './irreps-linear';
import type { ParameterScope } from './parameters';
import { type GridActivation, S2GridMixing } from './s2-grid-mixing';
import { SplineRadial } from './spline-radial';
import { TensorProductLayer, type TpKind } from './tensor-product-layer';

/** What a Facet block reads from the model's config. */
export interface FacetBlockOptions {
  tp: TpKind;
  channels: number;
  lmax: number;
  cutoff: number;
  splineBasis: number;
  mixHidden: number;
  gridTheta: number;
  gridActivation: GridActivation;
  avgNumNeighbors: number;
}

/** Per-graph inputs of the blocks: indices, edge harmonics and lengths (on the tape). */
export interface FacetEdges {
  senders: SegmentIndex;
  receivers: SegmentIndex;
  sh: Tensor;
  lengths: Tensor;
}

/**
 * One Facet block: x = Linear(h); m_e = TP(x[sender_e], Y(r̂_e); Spline(|r_e|));
 * a_i = Σ_{e→i} m_e/√avgNumNeighbors; h' = SelfConnection(h) + S2Mix(Linear(a)).
 * The grid mixing is the block's nonlinearity (in place of NequIP's gate).
 */
export class FacetBlock {
  readonly linearIn: IrrepsLinear;
  readonly tp: TensorProductLayer;
  readonly radial: SplineRadial;
  readonly linearOut: IrrepsLinear;
  readonly mix: S2GridMixing;
  readonly selfConnection: IrrepsLinear | null;

  constructor(scope: ParameterScope, irrepsIn: Irreps, hidden: Irreps, c: FacetBlockOptions) {
    this.linearIn = new IrrepsLinear(scope.scope('linear_in'), irrepsIn, irrepsIn);
    this.tp = new TensorProductLayer(scope.scope('tp'), {
      kind: c.tp,
      irrepsIn,
      lmaxSh: c.lmax,
      lmaxOut: c.lmax,
      keep: hidden,
    });
    this.radial = new SplineRadial(scope.scope('radial'), {
      count: c.splineBasis,
      cutoff: c.cutoff,
      numWeights: this.tp.numEdgeWeights,
    });
    this.linearOut = new IrrepsLinear(scope.scope('linear_out'), this.tp.irrepsOut, hidden, {
      inputScale: 1 / Math.sqrt(c.avgNumNeighbors),
    });
    this.mix = new S2GridMixing(scope.scope('mix'), {
      channels: c.channels,
      lmax: c.lmax,
      hidden: c.mixHidden,
      gridTheta: c.gridTheta,
      activation: c.gridActivation,
    });
    this.selfConnection = irrepsIn.equals(hidden)
      ? null
      : new IrrepsLinear(scope.scope('self_connection'), irrepsIn, hidden);
  }

  get parameters(): Tensor[] {
    return [this.linearIn, this.radial, this.tp, this.linearOut, this.mix, this.selfConnection].flatMap(
      (l) => l?.parameters ?? [],
    );
  }

  forward(ctx: Context, h: Tensor, e: FacetEdges): Tensor {
    const x = ops.gatherRows(ctx, this.linearIn.forward(ctx, h), e.senders);
    const messages = this.tp.forward(ctx, x, e.sh, this.radial.forward(ctx, e.lengths));
    const mixed = this.mix.forward(
      ctx,
      this.linearOut.forward(ctx, ops.segmentSum(ctx, messages, e.receivers)),
    );
    return ops.add(ctx, mixed, this.selfConnection ? this.selfConnection.forward(ctx, h) : h);
  }

  dispose(): void {
    for (const l of [this.linearIn, this.radial, this.tp, this.linearOut, this.mix, this.selfConnection])
      l?.dispose();
  }
}
