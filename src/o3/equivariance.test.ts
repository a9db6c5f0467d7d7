// Spherical harmonics (spherical-harmonics.ts) and Wigner D (wigner.ts) must agree on one basis:
// Y(R x) = D(R) Y(x) for every rotation, and Y(−x) = (−1)^l Y(x) for the inversion.
import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Irreps } from './irreps';
import { applyToVectors, identity3, type Mat3, randomRotation } from './rotation';
import { type ShNormalization, sphericalHarmonics } from './spherical-harmonics';
import { blockDiagonalD } from './wigner';

/** Rows of y (n × dim) multiplied by dᵀ: row_i ← D · row_i. */
function applyToRows(d: Float64Array, y: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let row = 0; row < y.length / dim; row++) {
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += d[i * dim + j] * y[row * dim + j];
      out[row * dim + i] = sum;
    }
  }
  return out;
}

const NORMALIZATIONS: ShNormalization[] = ['component', 'norm', 'integral'];

describe('spherical harmonics are equivariant under Wigner D', () => {
  it.each([1, 2, 4, 7, 10])('Y(Rx) = D(R) Y(x) for lmax = %i', (lmax) => {
    const rng = new Rng(500 + lmax);
    const irreps = Irreps.sphericalHarmonics(lmax);
    for (const normalization of NORMALIZATIONS) {
      for (const normalize of [true, false]) {
        const R = randomRotation(rng);
        // unnormalised inputs with assorted lengths: without normalisation Y is a homogeneous polynomial
        const x = rng.normals(3 * 16);
        const opts = { normalize, normalization };
        const want = sphericalHarmonics(lmax, applyToVectors(R, x), opts);
        const got = applyToRows(blockDiagonalD(irreps, R), sphericalHarmonics(lmax, x, opts), irreps.dim);
        expect(relativeError(want, got)).toBeLessThan(TOL.f64);
      }
    }
  });

  it.each([3, 10])('Y(−x) = D(−I) Y(x) = (−1)^l Y(x) for lmax = %i', (lmax) => {
    const rng = new Rng(600 + lmax);
    const irreps = Irreps.sphericalHarmonics(lmax);
    const x = rng.unitVectors(16);
    const opts = { normalize: true, normalization: 'component' as const };
    const inversion = identity3().map((v) => -v);
    const want = sphericalHarmonics(
      lmax,
      x.map((v) => -v),
      opts,
    );
    const got = applyToRows(blockDiagonalD(irreps, inversion), sphericalHarmonics(lmax, x, opts), irreps.dim);
    expect(relativeError(want, got)).toBeLessThan(TOL.f64Tight);
  });

  it('holds for improper rotations with the spherical-harmonic parities', () => {
    const rng = new Rng(700);
    const lmax = 6;
    const irreps = Irreps.sphericalHarmonics(lmax);
    const R: Mat3 = randomRotation(rng).map((v) => -v);
    const x = rng.unitVectors(16);
    const opts = { normalize: true, normalization: 'norm' as const };
    const want = sphericalHarmonics(lmax, applyToVectors(R, x), opts);
    const got = applyToRows(blockDiagonalD(irreps, R), sphericalHarmonics(lmax, x, opts), irreps.dim);
    expect(relativeError(want, got)).toBeLessThan(TOL.f64);
    // the wrong parity assignment (all even) must fail
    const wrong = applyToRows(
      blockDiagonalD(Irreps.sphericalHarmonics(lmax, 1), R),
      sphericalHarmonics(lmax, x, opts),
      irreps.dim,
    );
    expect(relativeError(want, wrong)).toBeGreaterThan(0.1);
  });
});
