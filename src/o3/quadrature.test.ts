import { describe, expect, it } from 'vitest';
import { loadRefdata } from '../test/refdata';
import { TOL } from '../test/tolerances';
import { gaussLegendre, s2Grid, s2GridForDegree } from './quadrature';
import { shDim, sphericalHarmonics } from './spherical-harmonics';

interface GauntEntry {
  l1: number;
  l2: number;
  l3: number;
  G: number[][][];
}

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('gaussLegendre', () => {
  it.each([1, 2, 3, 5, 8, 13, 32, 64])('n = %i integrates x^k exactly for k ≤ 2n − 1', (n) => {
    const { nodes, weights } = gaussLegendre(n);
    for (let k = 0; k <= 2 * n - 1; k++) {
      const exact = k % 2 ? 0 : 2 / (k + 1);
      const got = nodes.reduce((s, x, i) => s + weights[i] * x ** k, 0);
      expect(Math.abs(got - exact)).toBeLessThan(TOL.f64Tight);
    }
  });

  it('nodes are ascending and symmetric, weights positive', () => {
    const { nodes, weights } = gaussLegendre(25);
    for (let i = 0; i < 25; i++) {
      expect(weights[i]).toBeGreaterThan(0);
      expect(nodes[i] + nodes[24 - i]).toBe(0);
      if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
    }
  });

  it('stays accurate for large n', () => {
    const { nodes, weights } = gaussLegendre(200);
    expect(Math.abs(sum(weights) - 2)).toBeLessThan(TOL.f64Tight);
    const secondMoment = nodes.reduce((s, x, i) => s + weights[i] * x * x, 0);
    expect(Math.abs(secondMoment - 2 / 3)).toBeLessThan(TOL.f64Tight);
  });
});

describe('s2Grid', () => {
  it('weights sum to 4π and points are unit vectors with y = cos θ', () => {
    const grid = s2Grid(7, 11);
    expect(grid.weights.length).toBe(77);
    expect(Math.abs(sum(grid.weights) - 4 * Math.PI)).toBeLessThan(TOL.f64Tight);
    const { nodes } = gaussLegendre(7);
    for (let k = 0; k < 77; k++) {
      const [x, y, z] = grid.points.subarray(3 * k, 3 * k + 3);
      expect(Math.abs(Math.hypot(x, y, z) - 1)).toBeLessThan(TOL.f64Tight);
      expect(y).toBe(nodes[Math.floor(k / 11)]);
    }
  });

  it('integrates monomials x^a y^b z^c of degree ≤ min(2 nTheta − 1, nPhi − 1) exactly', () => {
    // ∫_S2 x^a y^b z^c = 2 Γ((a+1)/2) Γ((b+1)/2) Γ((c+1)/2) / Γ((a+b+c+3)/2) for even a, b, c, else 0.
    const halfGamma = (k: number): number =>
      k === 1 ? Math.sqrt(Math.PI) : k === 2 ? 1 : ((k - 2) / 2) * halfGamma(k - 2);
    const exact = (a: number, b: number, c: number) =>
      a % 2 || b % 2 || c % 2
        ? 0
        : (2 * halfGamma(a + 1) * halfGamma(b + 1) * halfGamma(c + 1)) / halfGamma(a + b + c + 3);
    const degree = 9;
    const grid = s2Grid(5, 10);
    for (let a = 0; a <= degree; a++) {
      for (let b = 0; a + b <= degree; b++) {
        for (let c = 0; a + b + c <= degree; c++) {
          let got = 0;
          grid.weights.forEach((w, k) => {
            const [x, y, z] = grid.points.subarray(3 * k, 3 * k + 3);
            got += w * x ** a * y ** b * z ** c;
          });
          expect(Math.abs(got - exact(a, b, c))).toBeLessThan(TOL.f64Tight);
        }
      }
    }
  });

  it('s2GridForDegree picks the smallest exact product grid', () => {
    expect([0, 1, 2, 7, 8].map((d) => [s2GridForDegree(d).nTheta, s2GridForDegree(d).nPhi])).toEqual([
      [1, 1],
      [1, 2],
      [2, 3],
      [4, 8],
      [5, 9],
    ]);
  });
});

describe('real Gaunt coefficients by quadrature of sphericalHarmonics (gaunt.json)', () => {
  const { entries } = loadRefdata<{ entries: GauntEntry[] }>('gaunt.json');
  const lmax = Math.max(...entries.flatMap((e) => [e.l1, e.l2, e.l3]));
  const grid = s2GridForDegree(3 * lmax);
  const y = sphericalHarmonics(lmax, grid.points, { normalize: true, normalization: 'integral' });
  const dim = shDim(lmax);

  it(`reproduces all ${entries.length} entries`, () => {
    for (const { l1, l2, l3, G } of entries) {
      for (let i = 0; i <= 2 * l1; i++) {
        for (let j = 0; j <= 2 * l2; j++) {
          for (let k = 0; k <= 2 * l3; k++) {
            let got = 0;
            grid.weights.forEach((w, p) => {
              const row = p * dim;
              got += w * y[row + l1 * l1 + i] * y[row + l2 * l2 + j] * y[row + l3 * l3 + k];
            });
            expect(Math.abs(got - G[i][j][k])).toBeLessThan(TOL.f64Tight);
          }
        }
      }
    }
  });
});
