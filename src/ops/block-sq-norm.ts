import { encodeBlockDot, encodeScaleBlocks } from '../kernels/nn/blocks';
import type { BlockLayout } from '../tensor/block-layout';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, f64, host, type OpDef } from './op';
import { type BlocksAttrs, blockCases, blockDot64, blockRows, scaleBlocks64 } from './scale-blocks';

/**
 * Squared norm of every irrep copy: out[n, u] = Σ_m x[n, u, m]² for each mul×(2l+1) block
 * (x [N, layout.cols] → [N, layout.copies]). Invariant under rotations: the input of norm
 * activations. Differentiable everywhere, unlike the norm itself.
 */
export const blockSqNormOp: OpDef<BlocksAttrs> = {
  name: 'block_sq_norm',
  tolerance: { forward: 'f32Reduction', backward: 'f32Elementwise' },
  forward(ctx, [x], { layout }) {
    expectF32('block_sq_norm', x);
    const rows = blockRows('block_sq_norm', layout, x);
    const out = ctx.alloc([rows, layout.copies], 'block_sq_norm');
    const shape = { rows, cols: layout.cols, gCols: layout.copies };
    encodeBlockDot(ctx.batch, shape, 1, x.buffer, x.buffer, layout.bind(ctx).span.buffer, out.buffer);
    return out;
  },
  backward(ctx, { inputs: [x], attrs: { layout } }, gy) {
    // d/dx Σ_m x² = 2x, scaled per copy by the upstream gradient: the gate kernel with alpha = 2.
    const gx = ctx.alloc(x.shape, 'block_sq_norm grad');
    const shape = { rows: x.shape[0], cols: layout.cols, gCols: layout.copies };
    encodeScaleBlocks(ctx.batch, shape, 2, x.buffer, gy.buffer, layout.bind(ctx).owner.buffer, gx.buffer);
    return [gx];
  },
  forward64([x], { layout }) {
    const rows = blockRows('block_sq_norm', layout, x);
    return host(blockDot64(layout, f64(x), f64(x), rows), [rows, layout.copies]);
  },
  backward64: ([x], { layout }, gy) => [scaleBlocks64(layout, f64(x), gy, x.shape[0], 2)],
  cases: (rng) => blockCases(rng, false),
};

/** Σ_m x[n, u, m]² per irrep copy: [N, layout.cols] → [N, layout.copies]. */
export const blockSqNorm = (ctx: Context, x: Tensor, layout: BlockLayout): Tensor =>
  apply(ctx, blockSqNormOp, [x], { layout });
