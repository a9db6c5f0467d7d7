import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { encodeScale } from './broadcast';
import { apply, expectF32, f64, host, normalHost, type OpDef } from './op';

export interface ScaleAttrs {
  readonly factor: number;
}

/** y = factor · x (a constant, not a tensor: no gradient w.r.t. it). */
export const scaleOp: OpDef<ScaleAttrs> = {
  name: 'scale',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Elementwise' },
  forward(ctx, [x], { factor }) {
    expectF32('scale', x);
    const out = ctx.alloc(x.shape, 'scale');
    encodeScale(ctx, x, out, factor);
    return out;
  },
  backward(ctx, { attrs }, gy) {
    const gx = ctx.alloc(gy.shape, 'scale grad');
    encodeScale(ctx, gy, gx, attrs.factor);
    return [gx];
  },
  forward64: ([x], { factor }) =>
    host(
      f64(x).map((v) => factor * v),
      x.shape,
    ),
  backward64: (_inputs, { factor }, gy) => [gy.map((g) => factor * g)],
  cases: (rng) => [
    { label: '[13, 3] × −0.37', inputs: [normalHost(rng, [13, 3])], attrs: { factor: -0.37 } },
    { label: '[200] × 2.5', inputs: [normalHost(rng, [200])], attrs: { factor: 2.5 } },
  ],
};

/** factor · x. */
export const scale = (ctx: Context, x: Tensor, factor: number): Tensor =>
  apply(ctx, scaleOp, [x], { factor });
