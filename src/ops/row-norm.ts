import { encodeRowNorm, encodeRowNormBackward } from '../kernels/nn/row-norm';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, host, normalHost, type OpDef } from './op';

function norms64(x: Float64Array, rows: number, cols: number): Float64Array {
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    for (let c = 0; c < cols; c++) acc += x[r * cols + c] ** 2;
    y[r] = Math.sqrt(acc);
  }
  return y;
}

/**
 * Euclidean norm of every row, as a column: x [R, C] → [R, 1] (so it broadcasts against x, e.g.
 * edge lengths from edge vectors). The gradient at a zero row is taken as 0.
 */
export const rowNormOp: OpDef = {
  name: 'row_norm',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x]) {
    expectF32('row_norm', x);
    expectRank('row_norm', x, 2);
    const [rows, cols] = x.shape;
    const y = ctx.alloc([rows, 1], 'row_norm');
    encodeRowNorm(ctx.batch, rows, cols, x.buffer, y.buffer);
    return y;
  },
  backward(ctx, { inputs: [x], output }, gy) {
    const [rows, cols] = x.shape;
    const gx = ctx.alloc(x.shape, 'row_norm grad');
    encodeRowNormBackward(ctx.batch, rows, cols, x.buffer, output.buffer, gy.buffer, gx.buffer);
    return [gx];
  },
  forward64([x]) {
    expectRank('row_norm', x, 2);
    const [rows, cols] = x.shape;
    return host(norms64(f64(x), rows, cols), [rows, 1]);
  },
  backward64([x], _attrs, gy) {
    const [rows, cols] = x.shape;
    const y = norms64(f64(x), rows, cols);
    return [
      f64(x).map((v, i) =>
        y[Math.floor(i / cols)] > 0 ? (gy[Math.floor(i / cols)] * v) / y[Math.floor(i / cols)] : 0,
      ),
    ];
  },
  cases: (rng) => [
    { label: '[25, 3]', inputs: [normalHost(rng, [25, 3])], attrs: undefined },
    { label: '[4, 70]', inputs: [normalHost(rng, [4, 70])], attrs: undefined },
  ],
};

/** ‖x[r, :]‖₂ as a column [R, 1]. */
export const rowNorm = (ctx: Context, x: Tensor): Tensor => apply(ctx, rowNormOp, [x], undefined);
