import { type ColumnWindow, encodeColumns } from '../kernels/nn/columns';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, host, normalHost, type OpDef } from './op';

/** Float64 twin of shaders/nn/columns.wgsl. */
function columns64(src: Float64Array, dst: Float64Array, w: ColumnWindow): void {
  for (let r = 0; r < w.rows; r++) {
    if (w.zeroFill) dst.fill(0, r * w.dstWidth, (r + 1) * w.dstWidth);
    for (let j = 0; j < w.width; j++)
      dst[r * w.dstWidth + w.dstOffset + j] = src[r * w.srcWidth + w.srcOffset + j];
  }
}

function copyColumns(ctx: Context, src: Tensor, dst: Tensor, w: ColumnWindow): void {
  encodeColumns(ctx.batch, w, src.buffer, dst.buffer);
}

export interface SliceAttrs {
  readonly start: number;
  readonly length: number;
}

function checkSlice(x: { shape: readonly number[] }, { start, length }: SliceAttrs): [number, number] {
  expectRank('slice', x, 2);
  const [rows, cols] = x.shape;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(length) ||
    start < 0 ||
    length < 0 ||
    start + length > cols
  ) {
    throw new RangeError(`slice: columns [${start}, ${start + length}) outside 0..${cols}`);
  }
  return [rows, cols];
}

/** Columns [start, start + length) of a matrix (e.g. one irreps block of a feature matrix). */
export const sliceOp: OpDef<SliceAttrs> = {
  name: 'slice',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Elementwise' },
  forward(ctx, [x], attrs) {
    expectF32('slice', x);
    const [rows, cols] = checkSlice(x, attrs);
    const out = ctx.alloc([rows, attrs.length], 'slice');
    const w = { rows, srcWidth: cols, dstWidth: attrs.length, srcOffset: attrs.start, dstOffset: 0 };
    copyColumns(ctx, x, out, { ...w, width: attrs.length, zeroFill: false });
    return out;
  },
  backward(ctx, { inputs: [x], attrs }, gy) {
    const [rows, cols] = checkSlice(x, attrs);
    const gx = ctx.alloc(x.shape, 'slice grad');
    const w = { rows, srcWidth: attrs.length, dstWidth: cols, srcOffset: 0, dstOffset: attrs.start };
    copyColumns(ctx, gy, gx, { ...w, width: attrs.length, zeroFill: true });
    return [gx];
  },
  forward64([x], attrs) {
    const [rows, cols] = checkSlice(x, attrs);
    const out = new Float64Array(rows * attrs.length);
    const w = { rows, srcWidth: cols, dstWidth: attrs.length, srcOffset: attrs.start, dstOffset: 0 };
    columns64(f64(x), out, { ...w, width: attrs.length, zeroFill: false });
    return host(out, [rows, attrs.length]);
  },
  backward64([x], attrs, gy) {
    const [rows, cols] = checkSlice(x, attrs);
    const gx = new Float64Array(rows * cols);
    const w = { rows, srcWidth: attrs.length, dstWidth: cols, srcOffset: 0, dstOffset: attrs.start };
    columns64(gy, gx, { ...w, width: attrs.length, zeroFill: true });
    return [gx];
  },
  cases: (rng) => [
    { label: '[9, 12] columns 3..10', inputs: [normalHost(rng, [9, 12])], attrs: { start: 3, length: 7 } },
    { label: '[70, 4] first column', inputs: [normalHost(rng, [70, 4])], attrs: { start: 0, length: 1 } },
  ],
};

function concatLayout(xs: readonly { shape: readonly number[] }[]): {
  rows: number;
  offsets: number[];
  width: number;
} {
  if (xs.length === 0) throw new RangeError('concat: no inputs');
  const rows = xs[0].shape[0];
  const offsets: number[] = [];
  let width = 0;
  for (const x of xs) {
    expectRank('concat', x, 2);
    if (x.shape[0] !== rows) throw new RangeError(`concat: ${x.shape[0]} rows, expected ${rows}`);
    offsets.push(width);
    width += x.shape[1];
  }
  return { rows, offsets, width };
}

/** Matrices with the same rows side by side: [R, C1], [R, C2], … → [R, C1 + C2 + …]. */
export const concatOp: OpDef = {
  name: 'concat',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Elementwise' },
  forward(ctx, xs) {
    const { rows, offsets, width } = concatLayout(xs);
    const out = ctx.alloc([rows, width], 'concat');
    xs.forEach((x, k) => {
      expectF32('concat', x);
      const w = { rows, srcWidth: x.shape[1], dstWidth: width, srcOffset: 0, dstOffset: offsets[k] };
      copyColumns(ctx, x, out, { ...w, width: x.shape[1], zeroFill: false });
    });
    return out;
  },
  backward(ctx, { inputs }, gy, needs) {
    const { rows, offsets, width } = concatLayout(inputs);
    return inputs.map((x, k) => {
      if (!needs[k]) return null;
      const gx = ctx.alloc(x.shape, 'concat grad');
      const w = { rows, srcWidth: width, dstWidth: x.shape[1], srcOffset: offsets[k], dstOffset: 0 };
      copyColumns(ctx, gy, gx, { ...w, width: x.shape[1], zeroFill: false });
      return gx;
    });
  },
  forward64(xs) {
    const { rows, offsets, width } = concatLayout(xs);
    const out = new Float64Array(rows * width);
    xs.forEach((x, k) => {
      const w = { rows, srcWidth: x.shape[1], dstWidth: width, srcOffset: 0, dstOffset: offsets[k] };
      columns64(f64(x), out, { ...w, width: x.shape[1], zeroFill: false });
    });
    return host(out, [rows, width]);
  },
  backward64(xs, _attrs, gy) {
    const { rows, offsets, width } = concatLayout(xs);
    return xs.map((x, k) => {
      const gx = new Float64Array(rows * x.shape[1]);
      const w = { rows, srcWidth: width, dstWidth: x.shape[1], srcOffset: offsets[k], dstOffset: 0 };
      columns64(gy, gx, { ...w, width: x.shape[1], zeroFill: false });
      return gx;
    });
  },
  cases: (rng) => [
    {
      label: '[8, 3] | [8, 1] | [8, 5]',
      inputs: [normalHost(rng, [8, 3]), normalHost(rng, [8, 1]), normalHost(rng, [8, 5])],
      attrs: undefined,
    },
    {
      label: '[65, 2] | [65, 2]',
      inputs: [normalHost(rng, [65, 2]), normalHost(rng, [65, 2])],
      attrs: undefined,
    },
  ],
};

/** Columns [start, start + length) of x [R, C]. */
export const slice = (ctx: Context, x: Tensor, start: number, length: number): Tensor =>
  apply(ctx, sliceOp, [x], { start, length });

/** [R, C1] | [R, C2] | … → [R, ΣC]. */
export const concat = (ctx: Context, xs: readonly Tensor[]): Tensor => apply(ctx, concatOp, xs, undefined);
