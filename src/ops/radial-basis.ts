import { encodeRadialBasis, encodeRadialBasisBackward } from '../kernels/nn/radial-basis';
import { type RadialBasisSpec, radialBasisWithDerivative } from '../nn/radial';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';
import { apply, expectF32, expectRank, f64, host, type OpCase, type OpDef } from './op';

function expectColumn(x: { shape: readonly number[] }): void {
  expectRank('radial_basis', x, 2);
  if (x.shape[1] !== 1) throw new RangeError(`radial_basis: lengths must be [E, 1], got [${x.shape}]`);
}

/**
 * Radial basis of edge lengths on the GPU: r [E, 1] → [E, count] (Bessel or Gaussian times the
 * polynomial envelope, exactly src/nn/radial.ts's float64 basis). Differentiable in r, so energies
 * built on it give forces through the tape.
 */
export const radialBasisOp: OpDef<RadialBasisSpec> = {
  name: 'radial_basis',
  tolerance: { forward: 'f32Transcendental', backward: 'f32Transcendental' },
  forward(ctx, [r], spec) {
    expectF32('radial_basis', r);
    expectColumn(r);
    const y = ctx.alloc([r.shape[0], spec.count], 'radial basis');
    encodeRadialBasis(ctx.batch, spec, r.shape[0], r.buffer, y.buffer);
    return y;
  },
  backward(ctx, { inputs: [r], attrs: spec }, gy) {
    const gr = ctx.alloc(r.shape, 'radial basis grad');
    encodeRadialBasisBackward(ctx.batch, spec, r.shape[0], r.buffer, gy.buffer, gr.buffer);
    return [gr];
  },
  forward64([r], spec) {
    expectColumn(r);
    return host(radialBasisWithDerivative(f64(r), spec).values, [r.shape[0], spec.count]);
  },
  backward64([r], spec, gy) {
    const { derivatives } = radialBasisWithDerivative(f64(r), spec);
    const gr = new Float64Array(r.shape[0]);
    for (let e = 0; e < gr.length; e++)
      for (let k = 0; k < spec.count; k++) gr[e] += gy[e * spec.count + k] * derivatives[e * spec.count + k];
    return [gr];
  },
  cases(rng: Rng): OpCase<RadialBasisSpec>[] {
    // Lengths across (0, 1.2·cutoff): near zero (series branch), inside, and beyond the cutoff.
    const lengths = (n: number, cutoff: number) =>
      host(
        Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1e-3 : rng.uniform(0, 1.2 * cutoff))),
        [n, 1],
      );
    return [
      { label: 'bessel 8, rc 2', inputs: [lengths(40, 2)], attrs: { kind: 'bessel', count: 8, cutoff: 2 } },
      {
        // Only where the envelope is small: an expanded-polynomial envelope loses float32 digits here.
        label: 'bessel 4 near the cutoff',
        inputs: [
          host(
            Float64Array.from({ length: 20 }, () => rng.uniform(0.9, 0.999) * 1.1),
            [20, 1],
          ),
        ],
        attrs: { kind: 'bessel', count: 4, cutoff: 1.1 },
      },
      {
        label: 'gaussian 5, rc 3, no envelope',
        inputs: [lengths(30, 3)],
        attrs: { kind: 'gaussian', count: 5, cutoff: 3, envelope: 'none' },
      },
    ];
  },
};

/** Radial basis of lengths [E, 1] → [E, spec.count]. */
export const radialBasisOf = (ctx: Context, lengths: Tensor, spec: RadialBasisSpec): Tensor =>
  apply(ctx, radialBasisOp, [lengths], spec);
