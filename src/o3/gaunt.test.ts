import { describe, expect, it } from 'vitest';
import { loadRefdata } from '../test/refdata';
import { TOL } from '../test/tolerances';
import { azimuthIntegral, gauntBlock, gauntPathAllowed, gauntTable } from './gaunt';
import { coefficientCount, coefficientIndex } from './gaunt-layout';
import { s2GridForDegree } from './quadrature';
import { sphericalHarmonics } from './spherical-harmonics';

interface GauntFile {
  entries: { l1: number; l2: number; l3: number; G: number[][][] }[];
}

/** ∫ Y Y Y by the plain 2D product-grid quadrature of sphericalHarmonics (no factoring). */
function bruteForceBlock(l1: number, l2: number, l3: number): Float64Array {
  const grid = s2GridForDegree(l1 + l2 + l3);
  const lmax = Math.max(l1, l2, l3);
  const dim = coefficientCount(lmax);
  const y = sphericalHarmonics(lmax, grid.points, { normalize: false, normalization: 'integral' });
  const [n1, n2, n3] = [2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1];
  const out = new Float64Array(n1 * n2 * n3);
  grid.weights.forEach((w, k) => {
    for (let a = 0; a < n1; a++) {
      for (let b = 0; b < n2; b++) {
        for (let c = 0; c < n3; c++) {
          out[(a * n2 + b) * n3 + c] +=
            w * y[k * dim + l1 * l1 + a] * y[k * dim + l2 * l2 + b] * y[k * dim + l3 * l3 + c];
        }
      }
    }
  });
  return out;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};

describe('Gaunt coefficients', () => {
  it("reproduce e3nn's gaunt.json (every entry, l ≤ 4)", () => {
    const { entries } = loadRefdata<GauntFile>('gaunt.json');
    expect(entries.length).toBeGreaterThan(60);
    for (const e of entries) {
      const want = e.G.flat(2);
      const got = gauntBlock(e.l1, e.l2, e.l3);
      expect(got.length).toBe(want.length);
      expect(maxAbs(want, got), `(${e.l1},${e.l2},${e.l3})`).toBeLessThan(TOL.f64Tight);
    }
  });

  it('match a brute-force 2D quadrature, including odd and non-triangle triples (zero)', () => {
    for (const [l1, l2, l3] of [
      [5, 6, 7],
      [7, 3, 6],
      [8, 8, 8],
      [3, 2, 2],
      [1, 1, 3],
      [6, 2, 3],
    ]) {
      expect(maxAbs(bruteForceBlock(l1, l2, l3), gauntBlock(l1, l2, l3)), `(${l1},${l2},${l3})`).toBeLessThan(
        TOL.f64Tight,
      );
    }
  });

  it('are symmetric under permuting the three (l, m) pairs', () => {
    const a = gauntBlock(2, 3, 5);
    const b = gauntBlock(5, 2, 3);
    for (let m1 = 0; m1 < 5; m1++)
      for (let m2 = 0; m2 < 7; m2++)
        for (let m3 = 0; m3 < 11; m3++) {
          expect(Math.abs(b[(m3 * 5 + m1) * 7 + m2] - a[(m1 * 7 + m2) * 11 + m3])).toBeLessThan(TOL.f64Tight);
        }
  });

  it('give the azimuthal integrals of cos/sin products in closed form', () => {
    expect(azimuthIntegral(0, 0, 0)).toBeCloseTo(2 * Math.PI, 14);
    expect(azimuthIntegral(2, 2, 0)).toBeCloseTo(Math.PI, 14); // ∫cos² = π
    expect(azimuthIntegral(-2, -2, 0)).toBeCloseTo(Math.PI, 14); // ∫sin² = π
    expect(azimuthIntegral(1, 2, 3)).toBeCloseTo(Math.PI / 2, 14);
    expect(azimuthIntegral(1, -2, 3)).toBe(0); // odd in φ
    // Against a uniform rule with enough points (exact for trigonometric degree ≤ n − 1).
    const phi = (m: number, t: number) => (m >= 0 ? Math.cos(m * t) : Math.sin(-m * t));
    for (const [a, b, c] of [
      [-1, -2, 3],
      [-3, 1, -4],
      [2, -5, -3],
      [4, 4, 0],
      [-4, -4, 0],
      [3, 3, 6],
    ]) {
      let sum = 0;
      for (let j = 0; j < 32; j++)
        sum +=
          phi(a, (2 * Math.PI * j) / 32) * phi(b, (2 * Math.PI * j) / 32) * phi(c, (2 * Math.PI * j) / 32);
      expect(Math.abs(azimuthIntegral(a, b, c) - (sum * 2 * Math.PI) / 32)).toBeLessThan(TOL.f64Tight);
    }
  });

  it('sparse tables list exactly the non-zeros, sorted by output with CSR row starts', () => {
    const t = gauntTable(3, 2, 4);
    let count = 0;
    for (let l3 = 0; l3 <= 4; l3++)
      for (let l1 = 0; l1 <= 3; l1++)
        for (let l2 = 0; l2 <= 2; l2++) {
          if (!gauntPathAllowed(l1, l2, l3)) continue;
          const block = gauntBlock(l1, l2, l3);
          count += block.filter((g) => g !== 0).length;
          for (
            let k = t.rowStart[coefficientIndex(l3, -l3)];
            k < t.rowStart[coefficientIndex(l3, l3) + 1];
            k++
          ) {
            expect(t.i3[k]).toBeGreaterThanOrEqual(l3 * l3);
          }
        }
    expect(t.nnz).toBe(count);
    for (let k = 0; k < t.nnz; k++) {
      const [l1, l2, l3] = [t.i1[k], t.i2[k], t.i3[k]].map((i) => Math.floor(Math.sqrt(i)));
      const m = [t.i1[k] - l1 * l1, t.i2[k] - l2 * l2, t.i3[k] - l3 * l3];
      expect(gauntBlock(l1, l2, l3)[(m[0] * (2 * l2 + 1) + m[1]) * (2 * l3 + 1) + m[2]]).toBe(t.value[k]);
      if (k > 0) expect(t.i3[k]).toBeGreaterThanOrEqual(t.i3[k - 1]);
    }
    expect(t.rowStart[t.rowStart.length - 1]).toBe(t.nnz);
    expect(gauntTable(3, 2, 4)).toBe(t); // memoized
  });
});
