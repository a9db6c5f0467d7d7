import { Irreps } from '../o3/irreps';
import type { DegreeWeighting } from '../ops/index';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { SegmentIndex } from '../tensor/segment-index';
import type { Tensor } from '../tensor/tensor';
import { Gate } from './gate';
import { IrrepsLinear } from './irreps-linear';
import type { ParameterScope } from './parameters';
import { RadialMlp } from './radial-mlp';
import { TensorProductLayer, type TpKind } from './tensor-product-layer';

/** The per-graph inputs every interaction block reads (built once per batch, shared by the blocks). */
export interface EdgeInputs {
  /** Edge → sender node (gather) and edge → receiver node (segmented sum; edges sorted by receiver). */
  readonly senders: SegmentIndex;
  readonly receivers: SegmentIndex;
  /** Edge spherical harmonics Y(r̂_e), [E, (lmaxSh+1)²], component normalisation. */
  readonly sh: Tensor;
  /** Radial basis of the edge lengths, [E, basis]. */
  readonly radial: Tensor;
}

export interface InteractionOptions {
  irrepsIn: Irreps | string;
  /** Node features after the block; scalars (0e, 0o) first, as the gate returns them. */
  irrepsOut: Irreps | string;
  tp: TpKind;
  lmaxSh: number;
  /** Columns of EdgeInputs.radial. */
  radialBasis: number;
  /** Hidden widths of the radial MLP. */
  radialHidden: readonly number[];
  /** Messages are summed and divided by √avgNumNeighbors (NequIP's normalisation). */
  avgNumNeighbors: number;
  degreeWeights?: DegreeWeighting;
}

/**
 * One NequIP-style message-passing block:
 *   x = Linear(h);  m_e = TP(x[sender_e], Y(r̂_e); RadialMLP(basis(|r_e|)))
 *   a_i = Σ_{e → i} m_e / √avgNumNeighbors;  y = Gate(Linear(a));  h' = y + SelfConnection(h)
 * where the self-connection is the identity when irrepsIn = irrepsOut and a Linear otherwise.
 * Equivariant under rotations and (both TP families are parity-correct) reflections.
 */
export class Interaction {
  readonly irrepsIn: Irreps;
  readonly irrepsOut: Irreps;
  readonly linearIn: IrrepsLinear;
  readonly radialMlp: RadialMlp;
  readonly tp: TensorProductLayer;
  readonly linearOut: IrrepsLinear;
  readonly gate: Gate;
  readonly selfConnection: IrrepsLinear | null;

  constructor(scope: ParameterScope, opts: InteractionOptions) {
    this.irrepsIn = new Irreps(opts.irrepsIn);
    this.irrepsOut = new Irreps(opts.irrepsOut);
    this.gate = new Gate(this.irrepsOut);
    this.linearIn = new IrrepsLinear(scope.scope('linear_in'), this.irrepsIn, this.irrepsIn);
    this.tp = new TensorProductLayer(scope.scope('tp'), {
      kind: opts.tp,
      irrepsIn: this.irrepsIn,
      lmaxSh: opts.lmaxSh,
      lmaxOut: this.gate.irrepsIn.lmax,
      keep: this.gate.irrepsIn,
      degreeWeights: opts.degreeWeights,
    });
    this.radialMlp = new RadialMlp(scope.scope('radial'), [
      opts.radialBasis,
      ...opts.radialHidden,
      this.tp.numEdgeWeights,
    ]);
    this.linearOut = new IrrepsLinear(scope.scope('linear_out'), this.tp.irrepsOut, this.gate.irrepsIn, {
      inputScale: 1 / Math.sqrt(opts.avgNumNeighbors),
    });
    this.selfConnection = this.irrepsIn.equals(this.irrepsOut)
      ? null
      : new IrrepsLinear(scope.scope('self_connection'), this.irrepsIn, this.irrepsOut);
  }

  get parameters(): Tensor[] {
    return [
      ...this.linearIn.parameters,
      ...this.radialMlp.parameters,
      ...this.tp.parameters,
      ...this.linearOut.parameters,
      ...(this.selfConnection?.parameters ?? []),
    ];
  }

  /** h [N, irrepsIn.dim] → [N, irrepsOut.dim]. */
  forward(ctx: Context, h: Tensor, edges: EdgeInputs): Tensor {
    const x = ops.gatherRows(ctx, this.linearIn.forward(ctx, h), edges.senders);
    const messages = this.tp.forward(ctx, x, edges.sh, this.radialMlp.forward(ctx, edges.radial));
    const gated = this.gate.forward(
      ctx,
      this.linearOut.forward(ctx, ops.segmentSum(ctx, messages, edges.receivers)),
    );
    return ops.add(ctx, gated, this.selfConnection ? this.selfConnection.forward(ctx, h) : h);
  }

  dispose(): void {
    for (const l of [this.linearIn, this.linearOut, this.selfConnection]) l?.dispose();
    this.tp.dispose();
    this.gate.dispose();
    this.radialMlp.dispose();
  }
}
