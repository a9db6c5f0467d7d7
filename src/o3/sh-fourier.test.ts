import { describe, expect, it } from 'vitest';
import { maxAbsDiff, relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { gaussLegendre } from './quadrature';
import {
  evaluateFourier,
  fourierToSh,
  gridIndex,
  halfRangeSinIntegral,
  projectionIntegral,
  shToFourier,
  thetaCoefficient,
  thetaSeries,
} from './sh-fourier';
import { shDim, sphericalHarmonics } from './spherical-harmonics';

const INTEGRAL = { normalize: true, normalization: 'integral' } as const;

/** e3nn's angles: polar axis y, azimuth in the z–x plane. */
function direction(theta: number, phi: number): Float64Array {
  return new Float64Array([
    Math.sin(theta) * Math.sin(phi),
    Math.cos(theta),
    Math.sin(theta) * Math.cos(phi),
  ]);
}

/** Gauss–Legendre nodes and weights mapped to [0, π]: brute-force θ integrals of smooth functions. */
function thetaRule(points: number): { theta: number[]; weight: number[] } {
  const { nodes, weights } = gaussLegendre(points);
  return {
    theta: [...nodes].map((x) => (Math.PI / 2) * (x + 1)),
    weight: [...weights].map((w) => (Math.PI / 2) * w),
  };
}

describe('spherical harmonics as 2D Fourier series (sh-fourier.ts)', () => {
  it.each([0, 1, 2, 5, 8, 12])('reproduce e3nn integral-normalised SH pointwise, L = %i', (L) => {
    const rng = new Rng(900 + L);
    const x = rng.normals(shDim(L));
    const grid = shToFourier(L, x);
    const angles = [
      [0, 0.3],
      [Math.PI, 1.1],
      [Math.PI / 2, 0],
    ];
    for (let i = 0; i < 30; i++) angles.push([rng.uniform(0, Math.PI), rng.uniform(0, 2 * Math.PI)]);
    const want: number[] = [];
    const got: number[] = [];
    for (const [theta, phi] of angles) {
      const y = sphericalHarmonics(L, direction(theta, phi), INTEGRAL);
      want.push(y.reduce((s, v, i) => s + v * x[i], 0));
      got.push(evaluateFourier(L, grid, theta, phi));
    }
    expect(relativeError(want, got)).toBeLessThan(TOL.f64Tight);
  });

  it('have the θ-series structure: degree l, parity of l, even/real or odd/imaginary with k', () => {
    const L = 9;
    const t = thetaSeries(L);
    for (let l = 0; l <= L; l++) {
      for (let k = 0; k <= l; k++) {
        for (let u = -L; u <= L; u++) {
          const [re, im] = thetaCoefficient(t, l, k, u);
          const [mirrorRe, mirrorIm] = thetaCoefficient(t, l, k, -u);
          // Exact zeros and exact mirror images (maxAbsDiff, so that −0 equals 0).
          if (Math.abs(u) > l || (u - l) % 2 !== 0) expect(maxAbsDiff([re, im], [0, 0])).toBe(0);
          if (k % 2 === 0) expect(maxAbsDiff([im, mirrorRe], [0, re])).toBe(0);
          else expect(maxAbsDiff([re, mirrorIm], [0, -im])).toBe(0);
        }
        // The top frequency is present: Θ_{l,k} has degree exactly l.
        expect(Math.hypot(...thetaCoefficient(t, l, k, l))).toBeGreaterThan(0);
      }
    }
  });

  it('∫_0^π e^{inθ} sinθ dθ in closed form matches quadrature', () => {
    const { theta, weight } = thetaRule(60);
    for (let n = -30; n <= 30; n++) {
      let [re, im] = [0, 0];
      theta.forEach((th, i) => {
        re += weight[i] * Math.cos(n * th) * Math.sin(th);
        im += weight[i] * Math.sin(n * th) * Math.sin(th);
      });
      expect(maxAbsDiff([re, im], halfRangeSinIntegral(n))).toBeLessThan(TOL.f64Tight);
    }
  });

  it('projection integrals G_{l,k}[u] match brute-force quadrature against e3nn SH', () => {
    const L = 8;
    const t = thetaSeries(L);
    const { theta, weight } = thetaRule(80);
    // Θ_{l,k}(θ) = Y_{l,k} at φ = 0 (cos kφ = 1).
    const ys = theta.map((th) => sphericalHarmonics(L, direction(th, 0), INTEGRAL));
    for (let l = 0; l <= L; l++) {
      for (let k = 0; k <= l; k++) {
        for (let u = -2 * L; u <= 2 * L; u++) {
          let [re, im] = [0, 0];
          theta.forEach((th, i) => {
            const f = weight[i] * ys[i][l * l + l + k] * Math.sin(th);
            re += f * Math.cos(u * th);
            im += f * Math.sin(u * th);
          });
          expect(maxAbsDiff([re, im], projectionIntegral(t, l, k, u))).toBeLessThan(TOL.f64Tight);
        }
      }
    }
  });

  it.each([0, 3, 10])('fourierToSh inverts shToFourier, L = %i', (L) => {
    const x = new Rng(910 + L).normals(shDim(L));
    expect(relativeError(x, fourierToSh(L, L, shToFourier(L, x)))).toBeLessThan(TOL.f64Tight);
  });

  it('fourierToSh projects any real torus signal as brute-force quadrature does', () => {
    // A random Hermitian grid F[−u, −v] = conj F[u, v]: a real function on the torus that is not a
    // spherical polynomial, so the half-range θ integral genuinely matters.
    const [Lf, Lout] = [6, 5];
    const rng = new Rng(920);
    const grid = new Float64Array(2 * (2 * Lf + 1) ** 2);
    for (let u = -Lf; u <= Lf; u++) {
      for (let v = -Lf; v <= Lf; v++) {
        const [a, b] = [2 * gridIndex(Lf, u, v), 2 * gridIndex(Lf, -u, -v)];
        if (a > b) continue;
        const [re, im] = [rng.normal(), a === b ? 0 : rng.normal()];
        grid.set([re, im], a);
        grid.set([re, -im], b);
      }
    }
    const { theta, weight } = thetaRule(60);
    const nPhi = Lf + Lout + 1; // uniform φ samples integrate e^{ivφ} exactly for |v| < nPhi
    const want = new Float64Array(shDim(Lout));
    theta.forEach((th, i) => {
      for (let j = 0; j < nPhi; j++) {
        const phi = (2 * Math.PI * j) / nPhi;
        const w = weight[i] * ((2 * Math.PI) / nPhi) * Math.sin(th) * evaluateFourier(Lf, grid, th, phi);
        sphericalHarmonics(Lout, direction(th, phi), INTEGRAL).forEach((y, q) => {
          want[q] += w * y;
        });
      }
    });
    expect(relativeError(want, fourierToSh(Lf, Lout, grid))).toBeLessThan(TOL.f64Tight);
  });
});
