import { encodeShBackward, encodeShForward } from '../kernels/sh';
import {
  type ShOptions,
  shDim,
  sphericalHarmonics,
  sphericalHarmonicsBackward,
} from '../o3/spherical-harmonics';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, host, normalHost, type OpDef } from './op';

export interface ShAttrs extends ShOptions {
  readonly lmax: number;
}

function rows(x: { shape: readonly number[] }): number {
  expectRank('spherical_harmonics', x, 2, 'vectors');
  if (x.shape[1] !== 3) throw new RangeError(`spherical_harmonics: vectors must be [E, 3], got [${x.shape}]`);
  return x.shape[0];
}

/**
 * Real spherical harmonics (e3nn conventions) of vectors [E, 3] → [E, (lmax+1)²], wrapping the
 * generated kernels of src/kernels/sh.ts; the float64 twin is src/o3/spherical-harmonics.ts.
 * Its backward carries forces through the SH edge attributes of interaction networks.
 */
export const sphericalHarmonicsOp: OpDef<ShAttrs> = {
  name: 'spherical_harmonics',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x], attrs) {
    expectF32('spherical_harmonics', x);
    const n = rows(x);
    const y = ctx.alloc([n, shDim(attrs.lmax)], `sh lmax=${attrs.lmax}`);
    encodeShForward(ctx.batch, attrs.lmax, x.buffer, y.buffer, n, attrs);
    return y;
  },
  backward(ctx, { inputs: [x], attrs }, gy) {
    const gx = ctx.alloc(x.shape, 'sh grad');
    encodeShBackward(ctx.batch, attrs.lmax, x.buffer, gy.buffer, gx.buffer, rows(x), attrs);
    return [gx];
  },
  forward64: ([x], attrs) =>
    host(sphericalHarmonics(attrs.lmax, f64(x), attrs), [rows(x), shDim(attrs.lmax)]),
  backward64: ([x], attrs, gy) => [sphericalHarmonicsBackward(attrs.lmax, f64(x), gy, attrs)],
  cases: (rng) => [
    {
      label: 'lmax 3, normalized',
      inputs: [normalHost(rng, [30, 3])],
      attrs: { lmax: 3, normalize: true, normalization: 'component' },
    },
    {
      label: 'lmax 2, raw vectors, norm',
      inputs: [normalHost(rng, [10, 3])],
      attrs: { lmax: 2, normalize: false, normalization: 'norm' },
    },
  ],
};

/** Y(vectors): [E, 3] → [E, (lmax+1)²]; `normalize` projects the vectors to the sphere first (e3nn's default). */
export const sphericalHarmonicsOf = (ctx: Context, vectors: Tensor, lmax: number, opts: ShOptions): Tensor =>
  apply(ctx, sphericalHarmonicsOp, [vectors], { lmax, ...opts });
