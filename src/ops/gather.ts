import { encodeGather, encodeSegmentSum, type MiddleAxis } from '../kernels/nn/gather';
import type { Context } from '../tensor/context';
import { SegmentIndex } from '../tensor/segment-index';
import type { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';
import { apply, expectF32, f64, host, normalHost, type OpDef } from './op';

export interface IndexAttrs {
  readonly index: SegmentIndex;
}

/**
 * The two adjoint maps along the middle axis of [outer, count, inner], on the GPU:
 * out[o, e, c] = x[o, index[e], c] and out[o, s, c] = Σ_{index[e] = s} x[o, e, c].
 */
export function gatherAlong(
  ctx: Context,
  x: Tensor,
  axis: MiddleAxis,
  index: SegmentIndex,
  outShape: number[],
) {
  const out = ctx.alloc(outShape, `${x.label} gathered`);
  encodeGather(ctx.batch, axis, index.length, x.buffer, index.bind(ctx).index.buffer, out.buffer);
  return out;
}

export function segmentSumAlong(
  ctx: Context,
  x: Tensor,
  axis: MiddleAxis,
  index: SegmentIndex,
  outShape: number[],
) {
  const out = ctx.alloc(outShape, `${x.label} segment sum`);
  const { order, offsets } = index.bind(ctx);
  encodeSegmentSum(ctx.batch, axis, index.numSegments, x.buffer, order.buffer, offsets.buffer, out.buffer);
  return out;
}

/** Float64 twins of the two maps. */
export function gather64(x: Float64Array, axis: MiddleAxis, index: Uint32Array): Float64Array {
  const { outer, inner, srcCount } = axis;
  const out = new Float64Array(outer * index.length * inner);
  for (let o = 0; o < outer; o++) {
    index.forEach((src, e) => {
      for (let c = 0; c < inner; c++)
        out[(o * index.length + e) * inner + c] = x[(o * srcCount + src) * inner + c];
    });
  }
  return out;
}

export function segmentSum64(
  x: Float64Array,
  axis: MiddleAxis,
  index: Uint32Array,
  segments: number,
): Float64Array {
  const { outer, inner } = axis;
  const out = new Float64Array(outer * segments * inner);
  for (let o = 0; o < outer; o++) {
    index.forEach((s, e) => {
      for (let c = 0; c < inner; c++)
        out[(o * segments + s) * inner + c] += x[(o * index.length + e) * inner + c];
    });
  }
  return out;
}

/** Random index with repeats, one segment never used, optionally sorted. */
export function randomIndex(rng: Rng, length: number, segments: number, sorted: boolean): SegmentIndex {
  const unused = segments > 1 ? rng.int(segments) : -1;
  const idx = Array.from({ length }, () => {
    const v = rng.int(segments);
    return v === unused ? (v + 1) % segments : v;
  });
  if (sorted) idx.sort((a, b) => a - b);
  return SegmentIndex.build(idx, segments);
}

function rowAxis(op: string, x: { shape: readonly number[] }, index: SegmentIndex): MiddleAxis {
  if (x.shape.length < 1) throw new RangeError(`${op}: input must have rows`);
  if (x.shape[0] !== index.numSegments) {
    throw new RangeError(`${op}: input has ${x.shape[0]} rows, index addresses ${index.numSegments}`);
  }
  return { outer: 1, inner: x.shape.slice(1).reduce((p, d) => p * d, 1), srcCount: x.shape[0] };
}

/** Rows by index: out[e, …] = x[index[e], …] (e.g. sender features per edge). */
export const gatherRowsOp: OpDef<IndexAttrs> = {
  name: 'gather_rows',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Reduction' },
  forward(ctx, [x], { index }) {
    expectF32('gather_rows', x);
    const axis = rowAxis('gather_rows', x, index);
    return gatherAlong(ctx, x, axis, index, [index.length, ...x.shape.slice(1)]);
  },
  backward(ctx, { inputs: [x], attrs: { index } }, gy) {
    const axis = { outer: 1, inner: rowAxis('gather_rows', x, index).inner, srcCount: index.length };
    return [segmentSumAlong(ctx, gy, axis, index, [...x.shape])];
  },
  forward64([x], { index }) {
    const axis = rowAxis('gather_rows', x, index);
    return host(gather64(f64(x), axis, index.index), [index.length, ...x.shape.slice(1)]);
  },
  backward64([x], { index }, gy) {
    const inner = rowAxis('gather_rows', x, index).inner;
    return [segmentSum64(gy, { outer: 1, inner, srcCount: index.length }, index.index, index.numSegments)];
  },
  cases: (rng) => [
    {
      label: '9 nodes × 6 → 40 edges',
      inputs: [normalHost(rng, [9, 6])],
      attrs: { index: randomIndex(rng, 40, 9, false) },
    },
    {
      label: '[5, 2, 3] → 12 rows',
      inputs: [normalHost(rng, [5, 2, 3])],
      attrs: { index: randomIndex(rng, 12, 5, true) },
    },
  ],
};

function columnAxis(op: string, x: { shape: readonly number[] }, columns: SegmentIndex): MiddleAxis {
  if (x.shape.length !== 2) throw new RangeError(`${op}: input must be a matrix`);
  if (x.shape[1] !== columns.numSegments) {
    throw new RangeError(`${op}: input has ${x.shape[1]} columns, index addresses ${columns.numSegments}`);
  }
  return { outer: x.shape[0], inner: 1, srcCount: x.shape[1] };
}

/** Feature columns by index: out[r, j] = x[r, columns[j]] (repeats allowed; gradients add up). */
export const indexSelectOp: OpDef<IndexAttrs> = {
  name: 'index_select',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Reduction' },
  forward(ctx, [x], { index }) {
    expectF32('index_select', x);
    return gatherAlong(ctx, x, columnAxis('index_select', x, index), index, [x.shape[0], index.length]);
  },
  backward(ctx, { inputs: [x], attrs: { index } }, gy) {
    return [
      segmentSumAlong(ctx, gy, { outer: x.shape[0], inner: 1, srcCount: index.length }, index, [...x.shape]),
    ];
  },
  forward64([x], { index }) {
    return host(gather64(f64(x), columnAxis('index_select', x, index), index.index), [
      x.shape[0],
      index.length,
    ]);
  },
  backward64([x], { index }, gy) {
    const axis = { outer: x.shape[0], inner: 1, srcCount: index.length };
    return [segmentSum64(gy, axis, index.index, index.numSegments)];
  },
  cases: (rng) => [
    {
      label: '[7, 10] → 13 columns',
      inputs: [normalHost(rng, [7, 10])],
      attrs: { index: randomIndex(rng, 13, 10, false) },
    },
  ],
};

/** out[e, …] = x[index[e], …]; the backward is a deterministic segmented sum over `index`. */
export const gatherRows = (ctx: Context, x: Tensor, index: SegmentIndex): Tensor =>
  apply(ctx, gatherRowsOp, [x], { index });

/** out[r, j] = x[r, columns[j]]. */
export const indexSelect = (ctx: Context, x: Tensor, columns: SegmentIndex): Tensor =>
  apply(ctx, indexSelectOp, [x], { index: columns });
