import { encodeBinary } from '../kernels/nn/binary';
import { encodeReduce } from '../kernels/nn/reduce';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { pad4 } from './broadcast';
import { apply, expectF32, expectSameShape, f64, host, normalHost, type OpDef } from './op';

/** d = p − t into a new tensor (kept flat: only the element count matters). */
function difference(ctx: Context, p: Tensor, t: Tensor): Tensor {
  const d = ctx.alloc(p.shape, 'mse residual');
  const flat = { shape: [1, 1, 1, p.size], strideA: [0, 0, 0, 1], strideB: [0, 0, 0, 1] };
  encodeBinary(ctx.batch, { op: 'lincomb', alpha: 1, beta: -1 }, flat, p.buffer, t.buffer, d.buffer);
  return d;
}

/** Mean squared error over all elements: mean((pred − target)²) → a scalar (shape []). */
export const mseOp: OpDef = {
  name: 'mse',
  tolerance: { forward: 'f32Reduction', backward: 'f32Elementwise' },
  forward(ctx, [p, t]) {
    expectF32('mse', p);
    expectF32('mse', t);
    expectSameShape('mse', p, t);
    const d = difference(ctx, p, t);
    const loss = ctx.alloc([], 'mse');
    const plan = {
      inShape: pad4([p.size]),
      keep: [true, true, true, false],
      scale: 1 / p.size,
      square: true,
    };
    encodeReduce(ctx.batch, plan, d.buffer, loss.buffer);
    return loss;
  },
  backward(ctx, { inputs: [p, t] }, gy, needs) {
    // ∂/∂p = 2(p − t)·gy/n, ∂/∂t = −∂/∂p; gy (one element) is read through zero strides.
    const d = difference(ctx, p, t);
    const strided = { shape: [1, 1, 1, p.size], strideA: [0, 0, 0, 1], strideB: [0, 0, 0, 0] };
    return [1, -1].map((sign, k) => {
      if (!needs[k]) return null;
      const g = ctx.alloc(p.shape, `mse grad ${k}`);
      encodeBinary(
        ctx.batch,
        { op: 'product', alpha: (sign * 2) / p.size },
        strided,
        d.buffer,
        gy.buffer,
        g.buffer,
      );
      return g;
    });
  },
  forward64([p, t]) {
    expectSameShape('mse', p, t);
    const pv = f64(p);
    const tv = f64(t);
    let acc = 0;
    for (let i = 0; i < pv.length; i++) acc += (pv[i] - tv[i]) ** 2;
    return host(new Float64Array([acc / pv.length]), []);
  },
  backward64([p, t], _attrs, [gy]) {
    const tv = f64(t);
    const gp = f64(p).map((v, i) => (2 * (v - tv[i]) * gy) / tv.length);
    return [gp, gp.map((v) => -v)];
  },
  cases: (rng) => [
    { label: '[40, 3]', inputs: [normalHost(rng, [40, 3]), normalHost(rng, [40, 3])], attrs: undefined },
    { label: '[300]', inputs: [normalHost(rng, [300]), normalHost(rng, [300])], attrs: undefined },
  ],
};

/** mean((pred − target)²) over all elements → a scalar. */
export const mse = (ctx: Context, pred: Tensor, target: Tensor): Tensor =>
  apply(ctx, mseOp, [pred, target], undefined);
