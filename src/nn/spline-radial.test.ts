import { afterAll, describe, expect, it } from 'vitest';
import { bsplineBasis64 } from '../ops/bspline-basis';
import { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { ParameterSet } from './parameters';
import { polynomialCutoff } from './radial';
import { SplineRadial } from './spline-radial';

afterAll(releaseTestGpu);

/** Cox–de Boor recursion: the degree-d B-spline j on knots τ at r (half-open spans). */
function coxDeBoor(tau: readonly number[], j: number, d: number, r: number): number {
  if (d === 0) return tau[j] <= r && r < tau[j + 1] ? 1 : 0;
  const left = ((r - tau[j]) / (tau[j + d] - tau[j])) * coxDeBoor(tau, j, d - 1, r);
  const right = ((tau[j + d + 1] - r) / (tau[j + d + 1] - tau[j + 1])) * coxDeBoor(tau, j + 1, d - 1, r);
  return left + right;
}

describe('bspline_basis (float64 twin)', () => {
  it.each([
    [4, 1.1, 6],
    [8, 2, 6],
    [11, 5, 3],
  ])('K %i, rc %f, p %i: Cox–de Boor cubics on knots (j − 3)·h times the polynomial envelope', (K, rc, p) => {
    const rng = new Rng(K);
    const h = rc / (K - 3);
    const tau = Array.from({ length: K + 4 }, (_, j) => (j - 3) * h);
    const r = rng.uniforms(50, 0, 1.2 * rc);
    const want = new Float64Array(50 * K);
    r.forEach((x, e) => {
      for (let k = 0; k < K; k++) want[e * K + k] = coxDeBoor(tau, k, 3, x) * polynomialCutoff(x, rc, p);
    });
    const got = bsplineBasis64(r, { count: K, cutoff: rc, p });
    expect(relativeError(want, got)).toBeLessThan(TOL.f64);
    // Partition of unity times the envelope on [0, rc), exactly zero beyond.
    r.forEach((x, e) => {
      const sum = got.slice(e * K, (e + 1) * K).reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - polynomialCutoff(x, rc, p))).toBeLessThan(TOL.f64);
      if (x >= rc) expect(got.slice(e * K, (e + 1) * K).every((v) => v === 0)).toBe(true);
    });
  });

  it('rejects fewer than 4 functions', () => {
    expect(() => bsplineBasis64([0.5], { count: 3, cutoff: 1 })).toThrow(/count/);
  });
});

describe('SplineRadial', () => {
  it('GPU weights = √2/√K · basis · control points (float64)', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(51);
      const params = new ParameterSet(gpu, rng);
      const [K, J, rc] = [7, 5, 1.5];
      const radial = new SplineRadial(params.scope('radial'), { count: K, cutoff: rc, numWeights: J });
      expect(params.names).toEqual(['radial.weight']);
      const r = Float64Array.from(Float32Array.from(rng.uniforms(30, 0, 1.1 * rc)));
      const ctx = Context.inference(gpu);
      const lengths = Tensor.from(gpu, r, [30, 1], { label: 'lengths' });
      const out = ctx.read(radial.forward(ctx, lengths));
      await ctx.submit();
      const control = await (radial.control.weight as Tensor).read();
      const basis = bsplineBasis64(r, { count: K, cutoff: rc });
      const want = new Float64Array(30 * J);
      for (let e = 0; e < 30; e++)
        for (let j = 0; j < J; j++)
          for (let k = 0; k < K; k++) want[e * J + j] += Math.SQRT2 * basis[e * K + k] * control[k * J + j];
      expect(relativeError(want, await out)).toBeLessThan(TOL.f32Reduction);
      lengths.dispose();
      radial.dispose();
      params.dispose();
    });
  });
});
