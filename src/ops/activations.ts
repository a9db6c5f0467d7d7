import { type Activation, encodeUnary, encodeUnaryBackward } from '../kernels/nn/unary';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';
import { apply, expectF32, f64, type HostTensor, host, type OpDef } from './op';

const logistic = (v: number) => 1 / (1 + Math.exp(-v));

/** Float64 twins of shaders/nn/unary.wgsl and unary_backward.wgsl. */
const TWIN: Record<Activation, { f: (v: number) => number; df: (v: number) => number }> = {
  silu: { f: (v) => v * logistic(v), df: (v) => logistic(v) * (1 + v * (1 - logistic(v))) },
  sigmoid: { f: logistic, df: (v) => logistic(v) * (1 - logistic(v)) },
  tanh: { f: Math.tanh, df: (v) => 1 - Math.tanh(v) ** 2 },
  relu: { f: (v) => Math.max(v, 0), df: (v) => (v > 0 ? 1 : 0) },
};

/** Inputs spread over the interesting range, kept off relu's kink so finite differences are valid. */
function activationInput(rng: Rng, shape: number[]): HostTensor {
  const data = rng.normals(shape.reduce((p, d) => p * d, 1)).map((v) => 3 * v);
  for (let i = 0; i < data.length; i++) if (Math.abs(data[i]) < 1e-3) data[i] = 0.5;
  // A few large magnitudes exercise the overflow-safe branches.
  if (data.length > 4) data.set([40, -40, 90, -90], 0);
  return host(data, shape);
}

function makeActivation(fn: Activation): OpDef {
  const { f, df } = TWIN[fn];
  return {
    name: fn,
    tolerance: { forward: 'f32Elementwise', backward: 'f32Elementwise' },
    forward(ctx, [x]) {
      expectF32(fn, x);
      const y = ctx.alloc(x.shape, fn);
      encodeUnary(ctx.batch, fn, x.buffer, y.buffer, x.size);
      return y;
    },
    backward(ctx, { inputs: [x] }, gy) {
      const gx = ctx.alloc(x.shape, `${fn} grad`);
      encodeUnaryBackward(ctx.batch, fn, x.buffer, gy.buffer, gx.buffer, x.size);
      return [gx];
    },
    forward64: ([x]) => host(f64(x).map(f), x.shape),
    backward64: ([x], _attrs, gy) => [f64(x).map((v, i) => gy[i] * df(v))],
    cases: (rng) => [
      { label: '[300]', inputs: [activationInput(rng, [300])], attrs: undefined },
      { label: '[17, 9]', inputs: [activationInput(rng, [17, 9])], attrs: undefined },
    ],
  };
}

export const siluOp = makeActivation('silu');
export const sigmoidOp = makeActivation('sigmoid');
export const tanhOp = makeActivation('tanh');
export const reluOp = makeActivation('relu');

/** x · sigmoid(x). */
export const silu = (ctx: Context, x: Tensor): Tensor => apply(ctx, siluOp, [x], undefined);
/** 1 / (1 + e^−x). */
export const sigmoid = (ctx: Context, x: Tensor): Tensor => apply(ctx, sigmoidOp, [x], undefined);
/** tanh x. */
export const tanh = (ctx: Context, x: Tensor): Tensor => apply(ctx, tanhOp, [x], undefined);
/** max(x, 0). */
export const relu = (ctx: Context, x: Tensor): Tensor => apply(ctx, reluOp, [x], undefined);
