import { encodeBinary } from '../kernels/nn/binary';
import { encodeReduce } from '../kernels/nn/reduce';
import type { Context } from '../tensor/context';
import { shapeText, sizeOf, type Tensor } from '../tensor/tensor';
import { broadcastIndexer, broadcastStrides, pad4 } from './broadcast';
import { apply, expectF32, f64, host, type OpDef } from './op';

type Over = 'rows' | 'all';

/** The output shape, and the same shape aligned with x's axes (1 where reduced). */
function reducedShapes(over: Over, shape: readonly number[]) {
  if (shape.length === 0) throw new RangeError(`cannot reduce a scalar over ${over}`);
  const out = over === 'rows' ? shape.slice(1) : [];
  const aligned = over === 'rows' ? [1, ...shape.slice(1)] : shape.map(() => 1);
  return { out, aligned };
}

function makeReduce(over: Over, mean: boolean): OpDef {
  const name = `${mean ? 'mean' : 'sum'}_${over}`;
  const factor = (shape: readonly number[]) => (mean ? 1 / (over === 'rows' ? shape[0] : sizeOf(shape)) : 1);
  return {
    name,
    tolerance: { forward: 'f32Reduction', backward: 'f32Elementwise' },
    forward(ctx, [x]) {
      expectF32(name, x);
      const { out, aligned } = reducedShapes(over, x.shape);
      const y = ctx.alloc(out, name);
      const padded = pad4(aligned);
      const keep = pad4(x.shape).map((d, i) => padded[i] === d && !(over === 'all' && i >= 4 - x.rank));
      encodeReduce(ctx.batch, { inShape: pad4(x.shape), keep, scale: factor(x.shape) }, x.buffer, y.buffer);
      return y;
    },
    backward(ctx, { inputs: [x] }, gy) {
      // Each input element receives the (scaled) gradient of the output it was summed into.
      const { aligned } = reducedShapes(over, x.shape);
      const gx = ctx.alloc(x.shape, `${name} grad`);
      const strided = {
        shape: pad4(x.shape),
        strideA: broadcastStrides(aligned, x.shape),
        strideB: [0, 0, 0, 0],
      };
      encodeBinary(
        ctx.batch,
        { op: 'scale', alpha: factor(x.shape) },
        strided,
        gy.buffer,
        gy.buffer,
        gx.buffer,
      );
      return [gx];
    },
    forward64([x]) {
      const { out, aligned } = reducedShapes(over, x.shape);
      const y = new Float64Array(sizeOf(out));
      const index = broadcastIndexer(aligned, x.shape);
      f64(x).forEach((v, i) => {
        y[index(i)] += v * factor(x.shape);
      });
      return host(y, out);
    },
    backward64([x], _attrs, gy) {
      const { aligned } = reducedShapes(over, x.shape);
      const index = broadcastIndexer(aligned, x.shape);
      return [f64(x).map((_, i) => factor(x.shape) * gy[index(i)])];
    },
    // Shifted off zero mean: a float32 sum of zero-mean data has relative error ∝ Σ|x| / |Σx|,
    // a conditioning effect that the tolerance table does not model.
    cases: (rng) =>
      [[37, 5], [130], [3, 4, 5], [200, 2]].map((shape) => ({
        label: `${name} ${shapeText(shape)}`,
        inputs: [
          host(
            rng.normals(sizeOf(shape)).map((v) => v + 1),
            shape,
          ),
        ],
        attrs: undefined,
      })),
  };
}

export const sumRowsOp = makeReduce('rows', false);
export const meanRowsOp = makeReduce('rows', true);
export const sumAllOp = makeReduce('all', false);
export const meanAllOp = makeReduce('all', true);

/** Σ over the first axis: [N, …] → […]. Deterministic (fixed-order tree per output). */
export const sumRows = (ctx: Context, x: Tensor): Tensor => apply(ctx, sumRowsOp, [x], undefined);
/** Mean over the first axis: [N, …] → […]. */
export const meanRows = (ctx: Context, x: Tensor): Tensor => apply(ctx, meanRowsOp, [x], undefined);
/** Σ of every element → a scalar (shape []). */
export const sumAll = (ctx: Context, x: Tensor): Tensor => apply(ctx, sumAllOp, [x], undefined);
/** Mean of every element → a scalar (shape []). */
export const meanAll = (ctx: Context, x: Tensor): Tensor => apply(ctx, meanAllOp, [x], undefined);
