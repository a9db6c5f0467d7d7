import { IrrepsLinearTables } from '../kernels/nn/irreps-linear';
import type { ParameterScope } from '../nn/parameters';
import { SILU_NORMALIZER } from '../nn/radial-mlp';
import { makeLinearPlan } from '../o3/linear-instructions';
import * as ops from '../ops/index';
import type { BlockLayout } from '../tensor/block-layout';
import type { Context } from '../tensor/context';
import type { SegmentIndex } from '../tensor/segment-index';
import type { Tensor } from '../tensor/tensor';

/**
 * A dense layer on scalars, e3nn-style: y = inputScale·x·W/√fanIn + b with W [in, out] ~ N(0, gain²)
 * and b = biasInit (default 0), parameter `weight` = W row-major then b (IrrepsLinear's layout for "in x0e → out x0e").
 * It runs as the `irrepsLinear` op, which avoids workgroup memory (the tiled matmul was 5–10× slower
 * on SwiftShader at these shapes).
 */
export class Dense {
  readonly weight: Tensor;
  private readonly tables: IrrepsLinearTables;

  constructor(
    scope: ParameterScope,
    fanIn: number,
    fanOut: number,
    opts: { bias?: boolean; gain?: number; inputScale?: number; biasInit?: number } = {},
  ) {
    const bias = opts.bias !== false;
    this.tables = new IrrepsLinearTables(
      makeLinearPlan(`${fanIn}x0e`, `${fanOut}x0e`, { bias, inputScale: opts.inputScale ?? 1 }),
    );
    const gain = opts.gain ?? 1;
    const values = new Float64Array(fanIn * fanOut + (bias ? fanOut : 0));
    values.set(scope.rng.normals(fanIn * fanOut).map((v) => v * gain));
    if (bias) values.fill(opts.biasInit ?? 0, fanIn * fanOut);
    this.weight = scope.values('weight', [values.length], values);
  }

  forward(ctx: Context, x: Tensor): Tensor {
    return ops.irrepsLinear(ctx, x, this.weight, this.tables);
  }

  dispose(): void {
    this.tables.dispose();
  }
}

/** Dense → SiLU → Dense (→ SiLU when `finalActivation`): the φ networks of EGNN. */
export class Mlp {
  readonly first: Dense;
  readonly second: Dense;

  constructor(
    scope: ParameterScope,
    sizes: [number, number, number],
    readonly finalActivation: boolean,
    last: { bias?: boolean; gain?: number; biasInit?: number } = {},
  ) {
    this.first = new Dense(scope.scope('layer0'), sizes[0], sizes[1]);
    // SiLU's second-moment normaliser (e3nn normalize2mom) keeps unit-variance activations.
    this.second = new Dense(scope.scope('layer1'), sizes[1], sizes[2], {
      ...last,
      inputScale: SILU_NORMALIZER,
    });
  }

  forward(ctx: Context, x: Tensor): Tensor {
    const y = this.second.forward(ctx, ops.silu(ctx, this.first.forward(ctx, x)));
    return this.finalActivation ? ops.silu(ctx, y) : y;
  }

  dispose(): void {
    this.first.dispose();
    this.second.dispose();
  }
}

/** The graph and the per-edge and per-node constants one EGCL reads. */
export interface EgclGraph {
  readonly senders: SegmentIndex;
  /** Edges are sorted by receiver, so its segmented sums walk contiguous rows. */
  readonly receivers: SegmentIndex;
  /** [E, 1]: q_i·q_j (1 where the data set has no charges). */
  readonly edgeAttributes: Tensor;
  /** [N, 1]: 1/deg(i) per node ('mean' coordinate aggregation; C = 1/(M − 1) on full graphs), or null (sum). */
  readonly coordinateScale: Tensor | null;
  /** One 3-vector per row: `blockSqNorm` by it gives ‖d‖² [E, 1] (gradient exactly 2d). */
  readonly vectorLayout: BlockLayout;
}

export interface EgclState {
  h: Tensor;
  x: Tensor;
  /** n-body variant: the updated velocity of this layer. */
  v?: Tensor;
}

/**
 * One E(n)-equivariant graph convolutional layer (Satorras, Hoogeboom & Welling 2021, eqs. 3–6;
 * eq. 7 with velocities):
 *   m_ij = φ_e(h_i, h_j, ‖x_i − x_j‖², a_ij)
 *   x_i ← x_i + C Σ_j (x_i − x_j) φ_x(m_ij)               (or v_i ← φ_v(h_i) v_i⁰ + C Σ…, x_i ← x_i + v_i)
 *   h_i ← h_i + φ_h(h_i, Σ_j m_ij)                          (residual, as the reference code)
 * Only invariants (h, distances, a_ij) enter the φ's and x moves along x_i − x_j, so the layer
 * commutes with rotations, reflections, translations and atom permutations.
 */
export class Egcl {
  readonly edge: Mlp;
  readonly node: Mlp;
  /** null when the positions this layer would output are never read (an invariant head's last layer). */
  readonly coord: Mlp | null;
  readonly velocity: Mlp | null;

  constructor(
    scope: ParameterScope,
    hidden: number,
    opts: { updatePositions: boolean; velocity: boolean; coordGain: number; velocityInit: number },
  ) {
    this.edge = new Mlp(scope.scope('phi_e'), [2 * hidden + 2, hidden, hidden], true);
    this.coord = opts.updatePositions
      ? new Mlp(scope.scope('phi_x'), [hidden, hidden, 1], false, { bias: false, gain: opts.coordGain })
      : null;
    this.velocity =
      opts.updatePositions && opts.velocity
        ? new Mlp(scope.scope('phi_v'), [hidden, hidden, 1], false, {
            gain: opts.coordGain,
            biasInit: opts.velocityInit,
          })
        : null;
    this.node = new Mlp(scope.scope('phi_h'), [2 * hidden, hidden, hidden], false);
  }

  forward(ctx: Context, g: EgclGraph, state: EgclState, v0: Tensor | null): EgclState {
    const { h, x } = state;
    const d = ops.sub(ctx, ops.gatherRows(ctx, x, g.receivers), ops.gatherRows(ctx, x, g.senders));
    const r2 = ops.blockSqNorm(ctx, d, g.vectorLayout);
    const hi = ops.gatherRows(ctx, h, g.receivers);
    const hj = ops.gatherRows(ctx, h, g.senders);
    const m = this.edge.forward(ctx, ops.concat(ctx, [hi, hj, r2, g.edgeAttributes]));
    let next: EgclState = { h, x };
    if (this.coord) {
      // vector × per-row scalar through scaleBlocks: its scalar gradient is one kernel, where a
      // broadcast mul's reduction over the columns is slow on SwiftShader.
      const scaled = (vectors: Tensor, scalars: Tensor) =>
        ops.scaleBlocks(ctx, vectors, scalars, g.vectorLayout);
      let shift = ops.segmentSum(ctx, scaled(d, this.coord.forward(ctx, m)), g.receivers);
      if (g.coordinateScale) shift = scaled(shift, g.coordinateScale);
      if (this.velocity) {
        if (!v0) throw new Error('EGCL: the velocity variant needs the input velocities');
        const v = ops.add(ctx, scaled(v0, this.velocity.forward(ctx, h)), shift);
        next = { h, x: ops.add(ctx, x, v), v };
      } else {
        next = { h, x: ops.add(ctx, x, shift) };
      }
    }
    const aggregated = ops.segmentSum(ctx, m, g.receivers);
    next.h = ops.add(ctx, h, this.node.forward(ctx, ops.concat(ctx, [h, aggregated])));
    return next;
  }

  dispose(): void {
    for (const m of [this.edge, this.node, this.coord, this.velocity]) m?.dispose();
  }
}
