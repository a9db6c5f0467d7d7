import { encodeBinary } from '../kernels/nn/binary';
import { encodeReduce } from '../kernels/nn/reduce';
import type { Context } from '../tensor/context';
import { shapeText, type Tensor } from '../tensor/tensor';

/** The GPU elementwise and reduction kernels index up to 4 dimensions. */
export const MAX_RANK = 4;

/** `shape` with leading 1s to rank 4. */
export function pad4(shape: readonly number[]): number[] {
  if (shape.length > MAX_RANK)
    throw new RangeError(`rank ${shape.length} > ${MAX_RANK}: ${shapeText(shape)}`);
  return [...new Array<number>(MAX_RANK - shape.length).fill(1), ...shape];
}

/** NumPy broadcasting of two shapes (aligned at the trailing dimension). */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`shapes ${shapeText(a)} and ${shapeText(b)} do not broadcast`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Element strides of a contiguous `shape` read in the index space of `outShape` (0 where broadcast), rank 4. */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const s = pad4(shape);
  const o = pad4(outShape);
  const strides = [0, 0, 0, 0];
  let stride = 1;
  for (let d = 3; d >= 0; d--) {
    strides[d] = s[d] === 1 && o[d] !== 1 ? 0 : stride;
    stride *= s[d];
  }
  return strides;
}

/**
 * Maps flat index i of `outShape` to the flat index of the element of a contiguous `shape` that a
 * broadcast read sees there (CPU twin of the kernels' strides). Strides are computed once.
 */
export function broadcastIndexer(
  shape: readonly number[],
  outShape: readonly number[],
): (i: number) => number {
  const strides = broadcastStrides(shape, outShape);
  const o = pad4(outShape);
  return (i) => {
    let rest = i;
    let index = 0;
    for (let d = 3; d >= 0; d--) {
      index += (rest % o[d]) * strides[d];
      rest = Math.floor(rest / o[d]);
    }
    return index;
  };
}

/**
 * The gradient of a broadcast read, times `scale`: sums `g` (shape `outShape`) over the axes
 * along which an input of `shape` was broadcast. Returns `g` itself when there is nothing to do.
 */
export function sumToShape(ctx: Context, g: Tensor, shape: readonly number[], scale = 1): Tensor {
  const s = pad4(shape);
  const o = pad4(g.shape);
  const broadcast = s.some((d, i) => d !== o[i]);
  if (!broadcast && scale === 1 && shapeText(shape) === shapeText(g.shape)) return g;
  const out = ctx.alloc(shape, `${g.label} reduced`);
  if (broadcast) {
    encodeReduce(ctx.batch, { inShape: o, keep: s.map((d, i) => d === o[i]), scale }, g.buffer, out.buffer);
  } else {
    encodeScale(ctx, g, out, scale);
  }
  return out;
}

/** out ← alpha · x elementwise (same number of elements). */
export function encodeScale(ctx: Context, x: Tensor, out: Tensor, alpha: number): void {
  const flat = { shape: [1, 1, 1, x.size], strideA: [0, 0, 0, 1], strideB: [0, 0, 0, 1] };
  encodeBinary(ctx.batch, { op: 'scale', alpha }, flat, x.buffer, x.buffer, out.buffer);
}

/** CPU twin of sumToShape. */
export function sumToShape64(
  g: Float64Array,
  outShape: readonly number[],
  shape: readonly number[],
): Float64Array {
  const out = new Float64Array(shape.reduce((p, d) => p * d, 1));
  const index = broadcastIndexer(shape, outShape);
  for (let i = 0; i < g.length; i++) out[index(i)] += g[i];
  return out;
}
