import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { loadRefdata } from '../test/refdata';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { s2GridForDegree } from './quadrature';
import {
  blockScale,
  type ShNormalization,
  type ShOptions,
  shDim,
  sphericalHarmonics,
  sphericalHarmonicsBackward,
} from './spherical-harmonics';

interface ShCase {
  lmax: number;
  kind: string;
  n: number;
  dim: number;
  x: number[][];
  sh: number[][];
}

const NORMALIZATIONS: ShNormalization[] = ['component', 'norm', 'integral'];

/** Block l of row i. */
function block(y: Float64Array, lmax: number, i: number, l: number): Float64Array {
  const start = i * shDim(lmax) + l * l;
  return y.subarray(start, start + 2 * l + 1);
}

/** Gram matrix G[a][b] = ∫ Y_a Y_b over the sphere by exact quadrature. */
function gramMatrix(lmax: number, normalization: ShNormalization): Float64Array {
  const grid = s2GridForDegree(2 * lmax);
  const dim = shDim(lmax);
  const y = sphericalHarmonics(lmax, grid.points, { normalize: true, normalization });
  const gram = new Float64Array(dim * dim);
  grid.weights.forEach((w, k) => {
    for (let a = 0; a < dim; a++) {
      const wa = w * y[k * dim + a];
      for (let b = 0; b < dim; b++) gram[a * dim + b] += wa * y[k * dim + b];
    }
  });
  return gram;
}

function maxDeviationFromIdentity(gram: Float64Array, dim: number): number {
  let worst = 0;
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < dim; b++) worst = Math.max(worst, Math.abs(gram[a * dim + b] - (a === b ? 1 : 0)));
  }
  return worst;
}

describe('sphericalHarmonics vs e3nn 0.5.1 (sh.json)', () => {
  const { cases } = loadRefdata<{ cases: ShCase[] }>('sh.json');

  it.each(cases.map((c) => [c.lmax, c.kind, c] as const))('lmax %i, %s vectors', (lmax, _kind, c) => {
    const vectors = new Float64Array(c.x.flat());
    const component = c.sh.flat();
    for (const normalization of NORMALIZATIONS) {
      // The refdata is `component`; README: integral = component/√(4π), norm = component/√(2l+1).
      const want = component.map((v, k) => v * blockScale(Math.floor(Math.sqrt(k % c.dim)), normalization));
      const got = sphericalHarmonics(lmax, vectors, { normalize: true, normalization });
      expect(got.length).toBe(c.n * c.dim);
      expect(relativeError(want, got)).toBeLessThan(TOL.f64);
    }
  });
});

describe('sphericalHarmonics properties', () => {
  it('the l = 1 block is √3·(x, y, z) under component', () => {
    const v = new Rng(1).unitVectors(16);
    const y = sphericalHarmonics(1, v, { normalize: true, normalization: 'component' });
    for (let i = 0; i < 16; i++) {
      const want = [0, 1, 2].map((k) => Math.sqrt(3) * v[3 * i + k]);
      expect(relativeError(want, block(y, 1, i, 1))).toBeLessThan(TOL.f64Tight);
    }
  });

  it.each([12, 20])('integral normalisation is orthonormal on the sphere (lmax %i)', (lmax) => {
    expect(maxDeviationFromIdentity(gramMatrix(lmax, 'integral'), shDim(lmax))).toBeLessThan(TOL.f64Tight);
  });

  it('parity: Y^l(−x) = (−1)^l Y^l(x)', () => {
    const lmax = 12;
    const v = new Rng(2).unitVectors(32);
    const opts: ShOptions = { normalize: true, normalization: 'component' };
    const y = sphericalHarmonics(lmax, v, opts);
    const yNeg = sphericalHarmonics(
      lmax,
      v.map((c) => -c),
      opts,
    );
    for (let l = 0; l <= lmax; l++) {
      for (let i = 0; i < 32; i++) {
        const want = block(y, lmax, i, l).map((c) => (l % 2 ? -c : c));
        expect(relativeError(want, block(yNeg, lmax, i, l))).toBeLessThan(TOL.f64Tight);
      }
    }
  });

  it('norm normalisation gives ‖Y^l(x)‖ = 1 and component gives ‖Y^l‖² = 2l + 1', () => {
    const lmax = 20;
    const v = new Rng(3).unitVectors(32);
    const norm = sphericalHarmonics(lmax, v, { normalize: true, normalization: 'norm' });
    const component = sphericalHarmonics(lmax, v, { normalize: true, normalization: 'component' });
    for (let i = 0; i < 32; i++) {
      for (let l = 0; l <= lmax; l++) {
        const squared = (b: Float64Array) => b.reduce((s, c) => s + c * c, 0);
        expect(Math.abs(squared(block(norm, lmax, i, l)) - 1)).toBeLessThan(TOL.f64Tight);
        expect(Math.abs(squared(block(component, lmax, i, l)) / (2 * l + 1) - 1)).toBeLessThan(TOL.f64Tight);
      }
    }
  });

  it('addition theorem at lmax 20: Σ_m Y^l(a)·Y^l(b) = (2l+1)·P_l(a·b) under component', () => {
    const lmax = 20;
    const rng = new Rng(4);
    const a = rng.unitVectors(16);
    const b = rng.unitVectors(16);
    const opts: ShOptions = { normalize: true, normalization: 'component' };
    const [ya, yb] = [sphericalHarmonics(lmax, a, opts), sphericalHarmonics(lmax, b, opts)];
    for (let i = 0; i < 16; i++) {
      const t = a[3 * i] * b[3 * i] + a[3 * i + 1] * b[3 * i + 1] + a[3 * i + 2] * b[3 * i + 2];
      const legendre = [1, t];
      for (let l = 2; l <= lmax; l++)
        legendre.push(((2 * l - 1) * t * legendre[l - 1] - (l - 1) * legendre[l - 2]) / l);
      for (let l = 0; l <= lmax; l++) {
        const [ba, bb] = [block(ya, lmax, i, l), block(yb, lmax, i, l)];
        const dot = ba.reduce((s, c, k) => s + c * bb[k], 0);
        expect(Math.abs(dot - (2 * l + 1) * legendre[l]) / (2 * l + 1)).toBeLessThan(TOL.f64Tight);
      }
    }
  });

  it('normalize = false gives the solid harmonics |x|^l · Y(x/|x|)', () => {
    const lmax = 12;
    const rng = new Rng(5);
    const unit = rng.unitVectors(32);
    const radii = Array.from({ length: 32 }, () => Math.exp(rng.normal()));
    const raw = unit.map((c, k) => c * radii[Math.floor(k / 3)]);
    for (const normalization of NORMALIZATIONS) {
      const y = sphericalHarmonics(lmax, unit, { normalize: true, normalization });
      const solid = sphericalHarmonics(lmax, raw, { normalize: false, normalization });
      const normalized = sphericalHarmonics(lmax, raw, { normalize: true, normalization });
      expect(relativeError(y, normalized)).toBeLessThan(TOL.f64Tight);
      for (let i = 0; i < 32; i++) {
        for (let l = 0; l <= lmax; l++) {
          const want = block(y, lmax, i, l).map((c) => c * radii[i] ** l);
          expect(relativeError(want, block(solid, lmax, i, l))).toBeLessThan(TOL.f64Tight);
        }
      }
    }
  });

  it('the zero vector maps to Y^0 only, like e3nn (x / max(|x|, 1e-12))', () => {
    for (const normalize of [true, false]) {
      const y = sphericalHarmonics(4, new Float64Array(3), { normalize, normalization: 'component' });
      expect(Array.from(y)).toEqual([1, ...new Array(24).fill(0)]);
    }
  });

  it('stays finite and unit-normed at lmax 40 (no factorial overflow)', () => {
    const v = new Rng(6).unitVectors(8);
    const y = sphericalHarmonics(40, v, { normalize: true, normalization: 'norm' });
    for (let i = 0; i < 8; i++) {
      const squared = block(y, 40, i, 40).reduce((s, c) => s + c * c, 0);
      expect(Math.abs(squared - 1)).toBeLessThan(TOL.f64Tight);
    }
  });
});

describe('sphericalHarmonicsBackward', () => {
  /** Fourth-order central difference of L(x) = Σ gradOut · Y(x) (error O(h⁴), not O(h²)). */
  function finiteDifference(lmax: number, v: Float64Array, gradOut: Float64Array, opts: ShOptions) {
    const loss = (x: Float64Array) =>
      sphericalHarmonics(lmax, x, opts).reduce((s, y, k) => s + y * gradOut[k], 0);
    const grad = new Float64Array(v.length);
    for (let k = 0; k < v.length; k++) {
      // Y^l varies on a length scale ~|x|/l: scale h to it to keep the O((h·l/|x|)⁴) error small.
      const i = k - (k % 3);
      const h = (1e-3 * Math.hypot(v[i], v[i + 1], v[i + 2])) / Math.max(1, lmax / 4);
      const at = (step: number) => {
        const x = v.slice();
        x[k] += step * h;
        return loss(x);
      };
      grad[k] = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * h);
    }
    return grad;
  }

  const cases = [1, 2, 3].flatMap((seed) =>
    NORMALIZATIONS.flatMap((normalization) =>
      [true, false].map((normalize) => [seed, normalization, normalize] as const),
    ),
  );

  it.each(cases)(
    'matches finite differences (seed %i, %s, normalize %s)',
    (seed, normalization, normalize) => {
      const rng = new Rng(100 + seed);
      const n = 4;
      for (const lmax of [0, 1, 3, 6, 12]) {
        // Gaussian vectors: random directions, lengths around √3 (unnormalized on purpose).
        const v = rng.normals(3 * n);
        const gradOut = rng.normals(n * shDim(lmax));
        const opts = { normalize, normalization };
        const got = sphericalHarmonicsBackward(lmax, v, gradOut, opts);
        const want = finiteDifference(lmax, v, gradOut, opts);
        if (lmax === 0) expect(Array.from(got)).toEqual(new Array(3 * n).fill(0));
        else expect(relativeError(want, got)).toBeLessThan(TOL.f64);
      }
    },
  );

  it('normalize = true gives gradients orthogonal to the input', () => {
    const rng = new Rng(7);
    const v = rng.unitVectors(8).map((c) => 2.5 * c);
    const lmax = 12;
    const g = sphericalHarmonicsBackward(lmax, v, rng.normals(8 * shDim(lmax)), {
      normalize: true,
      normalization: 'integral',
    });
    for (let i = 0; i < 8; i++) {
      const radial = g[3 * i] * v[3 * i] + g[3 * i + 1] * v[3 * i + 1] + g[3 * i + 2] * v[3 * i + 2];
      const size = Math.hypot(g[3 * i], g[3 * i + 1], g[3 * i + 2]) * 2.5;
      expect(Math.abs(radial) / size).toBeLessThan(TOL.f64Tight);
    }
  });
});
