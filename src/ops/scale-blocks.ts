import { encodeBlockDot, encodeScaleBlocks } from '../kernels/nn/blocks';
import { BlockLayout } from '../tensor/block-layout';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';
import {
  apply,
  expectF32,
  expectRank,
  f64,
  type HostTensor,
  host,
  normalHost,
  type OpCase,
  type OpDef,
} from './op';

export interface BlocksAttrs {
  readonly layout: BlockLayout;
}

/** Checks x [N, layout.cols] (and a per-copy tensor [N, layout.copies]) and returns N. */
export function blockRows(
  op: string,
  layout: BlockLayout,
  x: { shape: readonly number[] },
  g?: { shape: readonly number[] },
) {
  expectRank(op, x, 2, 'features');
  if (x.shape[1] !== layout.cols)
    throw new RangeError(`${op}: features have ${x.shape[1]} columns, layout ${layout.cols}`);
  if (g) {
    expectRank(op, g, 2, 'per-copy scalars');
    if (g.shape[0] !== x.shape[0] || g.shape[1] !== layout.copies) {
      throw new RangeError(`${op}: scalars [${g.shape}] for ${x.shape[0]} rows × ${layout.copies} copies`);
    }
  }
  return x.shape[0];
}

/** out[r, c] = alpha · g[r, owner(c)] · x[r, c] in float64. */
export function scaleBlocks64(
  layout: BlockLayout,
  x: Float64Array,
  g: Float64Array,
  rows: number,
  alpha = 1,
) {
  const out = new Float64Array(rows * layout.cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < layout.cols; c++)
      out[r * layout.cols + c] = alpha * g[r * layout.copies + layout.owner[c]] * x[r * layout.cols + c];
  }
  return out;
}

/** out[r, j] = Σ over the columns of copy j of a·b, in float64. */
export function blockDot64(layout: BlockLayout, a: Float64Array, b: Float64Array, rows: number) {
  const out = new Float64Array(rows * layout.copies);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < layout.cols; c++) {
      out[r * layout.copies + layout.owner[c]] += a[r * layout.cols + c] * b[r * layout.cols + c];
    }
  }
  return out;
}

/** Layouts the block ops are tested on: scalars, vectors and l = 2 together, and an empty block. */
export function blockCases(rng: Rng, withScalars: boolean): OpCase<BlocksAttrs>[] {
  const layouts = [
    new BlockLayout([
      { mul: 3, dim: 1 },
      { mul: 2, dim: 3 },
      { mul: 2, dim: 5 },
    ]),
    new BlockLayout([
      { mul: 0, dim: 3 },
      { mul: 5, dim: 7 },
    ]),
  ];
  return layouts.map((layout, i) => {
    const rows = 11 + 20 * i;
    const inputs: HostTensor[] = [normalHost(rng, [rows, layout.cols])];
    if (withScalars) inputs.push(normalHost(rng, [rows, layout.copies]));
    return {
      label: `${layout.blocks.map((b) => `${b.mul}×${b.dim}`).join('+')}, ${rows} rows`,
      inputs,
      attrs: { layout },
    };
  });
}

/**
 * The gate of gated nonlinearities, generalised: every irrep copy of x scaled by its own scalar,
 * out[n, u, m] = g[n, u] · x[n, u, m] for each mul×(2l+1) block. x [N, cols], g [N, copies].
 */
export const scaleBlocksOp: OpDef<BlocksAttrs> = {
  name: 'scale_blocks',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Reduction' },
  forward(ctx, [x, g], { layout }) {
    expectF32('scale_blocks', x);
    expectF32('scale_blocks', g);
    const rows = blockRows('scale_blocks', layout, x, g);
    const out = ctx.alloc(x.shape, 'scale_blocks');
    const shape = { rows, cols: layout.cols, gCols: layout.copies };
    encodeScaleBlocks(ctx.batch, shape, 1, x.buffer, g.buffer, layout.bind(ctx).owner.buffer, out.buffer);
    return out;
  },
  backward(ctx, { inputs: [x, g], attrs: { layout } }, gy, needs) {
    const shape = { rows: x.shape[0], cols: layout.cols, gCols: layout.copies };
    const tables = layout.bind(ctx);
    let gx: Tensor | null = null;
    let gg: Tensor | null = null;
    if (needs[0]) {
      gx = ctx.alloc(x.shape, 'scale_blocks grad x');
      encodeScaleBlocks(ctx.batch, shape, 1, gy.buffer, g.buffer, tables.owner.buffer, gx.buffer);
    }
    if (needs[1]) {
      gg = ctx.alloc(g.shape, 'scale_blocks grad g');
      encodeBlockDot(ctx.batch, shape, 1, gy.buffer, x.buffer, tables.span.buffer, gg.buffer);
    }
    return [gx, gg];
  },
  forward64([x, g], { layout }) {
    const rows = blockRows('scale_blocks', layout, x, g);
    return host(scaleBlocks64(layout, f64(x), f64(g), rows), x.shape);
  },
  backward64([x, g], { layout }, gy) {
    const rows = x.shape[0];
    return [scaleBlocks64(layout, gy, f64(g), rows), blockDot64(layout, gy, f64(x), rows)];
  },
  cases: (rng) => blockCases(rng, true),
};

/** g[n, u] · x[n, u, m] for every irrep copy (x [N, layout.cols], g [N, layout.copies]). */
export const scaleBlocks = (ctx: Context, x: Tensor, g: Tensor, layout: BlockLayout): Tensor =>
  apply(ctx, scaleBlocksOp, [x, g], { layout });
