import { afterAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { Irreps } from '../o3/irreps';
import { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { O3_ACTIONS, randomOrthogonal, transformRows } from '../test/irreps-actions';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Gate } from './gate';
import { IrrepsLinear } from './irreps-linear';
import { ParameterSet } from './parameters';
import { polynomialCutoff, radialBasis } from './radial';

afterAll(releaseTestGpu);

/** Runs `fn` in an inference context on uploaded rows and reads its output back. */
async function run(gpu: Gpu, x: ArrayLike<number>, cols: number, fn: (ctx: Context, x: Tensor) => Tensor) {
  const ctx = Context.inference(gpu);
  const input = Tensor.from(gpu, x, [x.length / cols, cols], { label: 'x' });
  const got = ctx.read(fn(ctx, input));
  await ctx.submit();
  input.dispose();
  return Float64Array.from(await got);
}

/** e3nn's o3.Linear written out directly in float64 (weights then biases, as IrrepsLinear stores them). */
function linear64(irrepsIn: Irreps, irrepsOut: Irreps, theta: Float64Array, x: Float64Array, bias: boolean) {
  const [dIn, dOut] = [irrepsIn.dim, irrepsOut.dim];
  const rows = x.length / dIn;
  const out = new Float64Array(rows * dOut);
  const [sIn, sOut] = [irrepsIn.slices(), irrepsOut.slices()];
  const paths: [number, number, number][] = [];
  let offset = 0;
  irrepsIn.blocks.forEach((a, i) => {
    irrepsOut.blocks.forEach((b, o) => {
      if (!a.ir.equals(b.ir)) return;
      paths.push([i, o, offset]);
      offset += a.mul * b.mul;
    });
  });
  for (const [i, o, off] of paths) {
    const fan = paths.filter((p) => p[1] === o).reduce((s, p) => s + irrepsIn.blocks[p[0]].mul, 0);
    const { mul: mi, ir } = irrepsIn.blocks[i];
    const mo = irrepsOut.blocks[o].mul;
    for (let n = 0; n < rows; n++)
      for (let u = 0; u < mi; u++)
        for (let w = 0; w < mo; w++)
          for (let m = 0; m < ir.dim; m++)
            out[n * dOut + sOut[o].start + w * ir.dim + m] +=
              (theta[off + u * mo + w] / Math.sqrt(fan)) * x[n * dIn + sIn[i].start + u * ir.dim + m];
  }
  let b = offset;
  irrepsOut.blocks.forEach(({ mul, ir }, o) => {
    if (!bias || !ir.isScalar()) return;
    for (let w = 0; w < mul; w++, b++)
      for (let n = 0; n < rows; n++) out[n * dOut + sOut[o].start + w] += theta[b];
  });
  return out;
}

describe('IrrepsLinear', () => {
  const irrepsIn = new Irreps('3x0e + 2x1o + 1x0e + 2x2e + 1x0o');
  const irrepsOut = new Irreps('2x0e + 3x1o + 1x1e + 1x2e + 2x0o');

  it('is e3nn Linear (weights in e3nn order, 1/√fan_in, biases on 0e only) and O(3)-equivariant', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(3);
      const params = new ParameterSet(gpu, rng);
      const lin = new IrrepsLinear(params.scope('lin'), irrepsIn, irrepsOut, { bias: true });
      expect(lin.numWeights).toBe(3 * 2 + 1 * 2 + 2 * 3 + 2 * 1 + 1 * 2);
      expect(lin.numBiases).toBe(2);
      const theta = Float64Array.from(Float32Array.from(rng.normals(lin.numWeights + lin.numBiases)));
      lin.weight?.write(theta);
      const x = Float64Array.from(Float32Array.from(rng.normals(7 * irrepsIn.dim)));
      const y = await run(gpu, x, irrepsIn.dim, (ctx, t) => lin.forward(ctx, t));
      expect(relativeError(linear64(irrepsIn, irrepsOut, theta, x, true), y)).toBeLessThan(TOL.f32Reduction);
      for (const { name, reflect } of O3_ACTIONS) {
        const R = randomOrthogonal(rng, reflect);
        const yRotated = await run(gpu, transformRows(x, irrepsIn, R), irrepsIn.dim, (ctx, t) =>
          lin.forward(ctx, t),
        );
        expect(relativeError(transformRows(y, irrepsOut, R), yRotated), name).toBeLessThan(
          TOL.equivarianceF32,
        );
      }
      lin.dispose();
      params.dispose();
    });
  });
});

describe('Gate', () => {
  it('applies SiLU to 0e, tanh to 0o, σ(gate) to each non-scalar copy, and commutes with O(3)', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(5);
      const gate = new Gate('2x0e + 1x0o + 2x1o + 1x1e + 1x2e');
      expect(gate.irrepsIn.toString()).toBe('2x0e+1x0o+4x0e+2x1o+1x1e+1x2e');
      const x = Float64Array.from(Float32Array.from(rng.normals(5 * gate.irrepsIn.dim)));
      const y = await run(gpu, x, gate.irrepsIn.dim, (ctx, t) => gate.forward(ctx, t));
      // Row 0 by hand: scalars, then gated copies times σ of their gates, all normalised.
      const silu = (z: number) => z / (1 + Math.exp(-z));
      const sig = (z: number) => 1 / (1 + Math.exp(-z));
      expect(y[0] / silu(x[0])).toBeCloseTo(1.6765, 3);
      expect(y[2] / Math.tanh(x[2])).toBeCloseTo(1.5925, 3);
      expect(y[3] / (x[7] * sig(x[3]))).toBeCloseTo(1.8462, 3);
      for (const { name, reflect } of O3_ACTIONS) {
        const R = randomOrthogonal(rng, reflect);
        const yR = await run(gpu, transformRows(x, gate.irrepsIn, R), gate.irrepsIn.dim, (ctx, t) =>
          gate.forward(ctx, t),
        );
        expect(relativeError(transformRows(y, gate.irrepsOut, R), yR), name).toBeLessThan(
          TOL.equivarianceF32,
        );
      }
      gate.dispose();
    });
  });

  it('refuses scalars after non-scalars', () => {
    expect(() => new Gate('1x1o + 1x0e')).toThrow(/scalars must come before/);
  });
});

describe('radial bases', () => {
  it('the polynomial envelope is 1 at 0 and vanishes with its derivative at the cutoff', () => {
    expect(polynomialCutoff(0, 2)).toBe(1);
    expect(polynomialCutoff(2, 2)).toBe(0);
    expect(polynomialCutoff(3, 2)).toBe(0);
    // A zero of order 3 at the cutoff (value, slope and curvature vanish for p = 6): halving the
    // distance to the cutoff divides the envelope by about 2³.
    const ratio = polynomialCutoff(2 - 0.02, 2) / polynomialCutoff(2 - 0.01, 2);
    expect(ratio).toBeGreaterThan(7.5);
    expect(ratio).toBeLessThan(8.5);
  });

  it('Bessel and Gaussian bases are finite, zero beyond the cutoff and match their formulas', () => {
    const r = [0, 0.5, 1.2, 2.5];
    const bessel = radialBasis(r, { kind: 'bessel', count: 3, cutoff: 2, envelope: 'none' });
    expect(bessel[3 + 1]).toBeCloseTo(Math.sin((2 * Math.PI * 0.5) / 2) / 0.5, 12);
    expect(bessel[0]).toBeCloseTo(Math.PI / 2, 12); // the r → 0 limit, (2/rc)·π/rc
    const enveloped = radialBasis(r, { kind: 'bessel', count: 3, cutoff: 2 });
    expect([...enveloped.slice(9)]).toEqual([0, 0, 0]);
    const gauss = radialBasis([1], { kind: 'gaussian', count: 3, cutoff: 2, envelope: 'none' });
    expect(gauss[1]).toBeCloseTo(1 / 1.12, 12); // centre 1 of the three inside (0, 2)
  });
});
