import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { convolve2d, type FftSign, fft, fftRadices, fftSize, naiveDft, twiddleTable } from './fft';

/** Direct O(N²) linear 2D convolution of interleaved complex row-major grids. */
function convolve2dDirect(a: Float64Array, ra: number, ca: number, b: Float64Array, rb: number, cb: number) {
  const cols = ca + cb - 1;
  const out = new Float64Array(2 * (ra + rb - 1) * cols);
  for (let i = 0; i < ra * ca; i++) {
    for (let j = 0; j < rb * cb; j++) {
      const at = 2 * ((Math.floor(i / ca) + Math.floor(j / cb)) * cols + (i % ca) + (j % cb));
      out[at] += a[2 * i] * b[2 * j] - a[2 * i + 1] * b[2 * j + 1];
      out[at + 1] += a[2 * i] * b[2 * j + 1] + a[2 * i + 1] * b[2 * j];
    }
  }
  return out;
}

describe('float64 FFT (the twin of shaders/fft/)', () => {
  it.each([-1, 1] as FftSign[])(
    'matches a naive DFT for every 2·3·5-smooth length ≤ 128 and some longer, sign %i',
    (sign) => {
      const rng = new Rng(70 + sign);
      const sizes = [
        ...Array.from({ length: 128 }, (_, i) => i + 1).filter((n) => fftSize(n) === n),
        250,
        480,
        1024,
      ];
      for (const n of sizes) {
        const count = 3;
        const x = rng.normals(2 * n * count);
        const got = x.slice();
        fft(got, n, count, sign, 0.25);
        for (let c = 0; c < count; c++) {
          const want = naiveDft(x.subarray(2 * n * c, 2 * n * (c + 1)), n, sign, 0.25);
          expect(relativeError(want, got.subarray(2 * n * c, 2 * n * (c + 1))), `n = ${n}`).toBeLessThan(
            TOL.f64Tight,
          );
        }
      }
    },
  );

  it('transforms only the columns asked for, from an offset', () => {
    const n = 12;
    const x = new Rng(73).normals(2 * n * 5);
    const got = x.slice();
    fft(got, n, 2, -1, 1, 2 * n);
    expect(got.subarray(0, 4 * n)).toEqual(x.subarray(0, 4 * n));
    expect(relativeError(naiveDft(x.subarray(4 * n, 6 * n), n, -1), got.subarray(4 * n, 6 * n))).toBeLessThan(
      TOL.f64Tight,
    );
    expect(got.subarray(8 * n)).toEqual(x.subarray(8 * n));
  });

  it('sizes, radices and twiddles', () => {
    expect([1, 7, 25, 33, 49, 97].map(fftSize)).toEqual([1, 8, 25, 36, 50, 100]);
    expect(fftRadices(96)).toEqual([4, 4, 2, 3]);
    expect(fftRadices(75)).toEqual([3, 5, 5]);
    expect(() => fftRadices(14)).toThrow(/2\^a·3\^b·5\^c/);
    const t = twiddleTable(8);
    expect([...t.subarray(0, 2), ...t.subarray(4, 6), ...t.subarray(8, 10)]).toEqual([1, 0, 0, -1, -1, 0]);
    expect(t[2]).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('convolves 2D grids by zero-padded FFT as the direct sum does', () => {
    const rng = new Rng(74);
    for (const [ra, ca, rb, cb] of [
      [13, 13, 13, 13],
      [3, 7, 5, 2],
      [1, 1, 9, 4],
    ]) {
      const a = rng.normals(2 * ra * ca);
      const b = rng.normals(2 * rb * cb);
      const want = convolve2dDirect(a, ra, ca, b, rb, cb);
      expect(relativeError(want, convolve2d(a, ra, ca, b, rb, cb))).toBeLessThan(TOL.f64Tight);
    }
  });
});
