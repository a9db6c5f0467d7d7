import type { Context } from '../tensor/context';
import { shapeText, sizeOf, type Tensor } from '../tensor/tensor';
import { apply, host, normalHost, type OpDef } from './op';

export interface ReshapeAttrs {
  readonly shape: readonly number[];
}

function check(x: { shape: readonly number[] }, shape: readonly number[]): void {
  if (sizeOf(shape) !== sizeOf(x.shape))
    throw new RangeError(`reshape: ${shapeText(x.shape)} to ${shapeText(shape)}`);
}

/**
 * The same values with another shape of equal size (row-major order kept). A buffer copy, not a
 * view: every tensor owns its buffer alone, which keeps lifetimes simple.
 */
export const reshapeOp: OpDef<ReshapeAttrs> = {
  name: 'reshape',
  tolerance: { forward: 'f32Elementwise', backward: 'f32Elementwise' },
  forward(ctx, [x], { shape }) {
    check(x, shape);
    return ctx.copy(x, shape);
  },
  backward: (ctx, { inputs: [x] }, gy) => [ctx.copy(gy, x.shape)],
  forward64([x], { shape }) {
    check(x, shape);
    return host(x.data.slice(), shape);
  },
  backward64: (_inputs, _attrs, gy) => [gy.slice()],
  cases: (rng) => [
    { label: '[6, 4] → [24, 1]', inputs: [normalHost(rng, [6, 4])], attrs: { shape: [24, 1] } },
    { label: '[5] → [5, 1, 1]', inputs: [normalHost(rng, [5])], attrs: { shape: [5, 1, 1] } },
  ],
};

/** x with another shape of the same size. */
export const reshape = (ctx: Context, x: Tensor, shape: readonly number[]): Tensor =>
  apply(ctx, reshapeOp, [x], { shape: [...shape] });
