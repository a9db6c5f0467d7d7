import { describe, expect, it } from 'vitest';
import { TOL } from '../test/tolerances';
import { Rng } from './random';

function minMax(xs: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) {
    min = Math.min(min, xs[i]);
    max = Math.max(max, xs[i]);
  }
  return { min, max };
}

/** Mean and variance of a sample. */
function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  const mean = sum / xs.length;
  let sq = 0;
  for (let i = 0; i < xs.length; i++) sq += (xs[i] - mean) ** 2;
  return { mean, variance: sq / (xs.length - 1) };
}

describe('Rng', () => {
  it('is deterministic for a given seed', () => {
    for (const seed of [0, 1, 42, 123456789, -7]) {
      const a = new Rng(seed);
      const b = new Rng(seed);
      const xs = Array.from({ length: 100 }, () => a.next());
      const ys = Array.from({ length: 100 }, () => b.next());
      expect(ys).toEqual(xs);
      expect(new Rng(seed).normals(50)).toEqual(new Rng(seed).normals(50));
    }
  });

  it('gives different streams for different (even adjacent) seeds', () => {
    const streams = [0, 1, 2, 3, -1, 2 ** 32, 2 ** 32 + 1].map((seed) => new Rng(seed).normals(8).join(','));
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('draws next() in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(11);
    const n = 200_000;
    const xs = rng.uniforms(n);
    const { min, max } = minMax(xs);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const { mean, variance } = moments(xs);
    // 6σ bounds: sd(mean) = sqrt(1/12 / n), sd(variance) = sqrt(1/180 / n)
    expect(Math.abs(mean - 0.5)).toBeLessThan(6 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(6 * Math.sqrt(1 / 180 / n));
  });

  it('draws normal() with mean 0, variance 1 and kurtosis 3', () => {
    for (const seed of [3, 99]) {
      const n = 200_000;
      const xs = new Rng(seed).normals(n);
      const { mean, variance } = moments(xs);
      let fourth = 0;
      for (const x of xs) fourth += x ** 4;
      fourth /= n;
      // sd(mean) = 1/√n, sd(sample variance) ≈ √(2/n), sd(mean of x⁴) = √(96/n)
      expect(Math.abs(mean)).toBeLessThan(6 / Math.sqrt(n));
      expect(Math.abs(variance - 1)).toBeLessThan(6 * Math.sqrt(2 / n));
      expect(Math.abs(fourth - 3)).toBeLessThan(6 * Math.sqrt(96 / n));
    }
  });

  it('draws uniform(a, b) inside [a, b)', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 10_000 }, () => rng.uniform(-3, 2));
    const { min, max } = minMax(xs);
    expect(min).toBeGreaterThanOrEqual(-3);
    expect(max).toBeLessThan(2);
    expect(Math.abs(moments(xs).mean + 0.5)).toBeLessThan(6 * Math.sqrt(25 / 12 / xs.length));
  });

  it('draws int(n) uniformly over 0..n-1', () => {
    const rng = new Rng(17);
    const n = 7;
    const draws = 70_000;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) counts[rng.int(n)]++;
    // Pearson chi-square with 6 degrees of freedom: 30 is far in the tail (p ≈ 4e-5).
    const expected = draws / n;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(30);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('draws unitVectors uniformly on the sphere', () => {
    const n = 50_000;
    const v = new Rng(23).unitVectors(n);
    expect(v.length).toBe(3 * n);
    const second = [0, 0, 0];
    const first = [0, 0, 0];
    let worstNorm = 0;
    for (let i = 0; i < n; i++) {
      worstNorm = Math.max(worstNorm, Math.abs(Math.hypot(v[3 * i], v[3 * i + 1], v[3 * i + 2]) - 1));
      for (let k = 0; k < 3; k++) {
        first[k] += v[3 * i + k] / n;
        second[k] += v[3 * i + k] ** 2 / n;
      }
    }
    expect(worstNorm).toBeLessThan(TOL.f64Tight);
    // For a uniform point, each coordinate has mean 0, E[x²] = 1/3, Var(x) = 1/3, Var(x²) = 4/45.
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(first[k])).toBeLessThan(6 * Math.sqrt(1 / 3 / n));
      expect(Math.abs(second[k] - 1 / 3)).toBeLessThan(6 * Math.sqrt(4 / 45 / n));
    }
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
  });
});
