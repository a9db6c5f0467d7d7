import { describe, expect, it } from 'vitest';
import { signalDim } from '../o3/gaunt-layout';
import { randomRotation } from '../o3/rotation';
import { relativeError } from '../test/compare';
import { gauntProductCases, transformSignal } from '../test/gaunt-cases';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import {
  type DegreeWeights,
  type GauntRoute,
  gauntDirect,
  gauntDirectBackward,
  gauntGrid,
  gauntGridBackward,
} from './gaunt';

const FORWARD = { direct: gauntDirect, grid: gauntGrid };
const BACKWARD = { direct: gauntDirectBackward, grid: gauntGridBackward };
const ROUTES: GauntRoute[] = ['direct', 'grid'];

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const axpy = (a: ArrayLike<number>, h: number, v: ArrayLike<number>) =>
  Float64Array.from(a, (x, i) => x + h * v[i]);

describe('Gaunt product twins', () => {
  it.each(ROUTES)("%s route reproduces every case of e3nn's gaunt_products.json", (route) => {
    for (const c of gauntProductCases()) {
      const got = FORWARD[route](c.L1, c.L2, c.Lout, c.channels, c.x1, c.x2, c.batch);
      expect(relativeError(c.out, got), c.name).toBeLessThan(TOL.f64);
    }
  });

  it('direct and grid routes agree on fresh random inputs up to L = 8', () => {
    const rng = new Rng(101);
    for (const [L1, L2, Lout, C] of [
      [8, 8, 8, 2],
      [8, 3, 6, 1],
      [2, 7, 8, 3],
      [0, 4, 4, 2],
      [5, 5, 2, 1],
      [3, 1, 7, 2],
    ]) {
      const batch = 2;
      const x1 = rng.normals(batch * signalDim({ channels: C, lmax: L1 }));
      const x2 = rng.normals(batch * signalDim({ channels: C, lmax: L2 }));
      const direct = gauntDirect(L1, L2, Lout, C, x1, x2, batch);
      const grid = gauntGrid(L1, L2, Lout, C, x1, x2, batch);
      expect(relativeError(direct, grid), `${L1},${L2},${Lout}`).toBeLessThan(TOL.f64);
    }
  });

  it('is the coefficient vector of the pointwise product f1·f2 (degree 0 times anything is a scale)', () => {
    // Y_00 = 1/√(4π): x1 = δ_{00} multiplies f2 by 1/√(4π).
    const rng = new Rng(7);
    const x2 = rng.normals(2 * 16);
    const x1 = new Float64Array(2 * 9);
    x1[0] = 1;
    x1[1] = 1;
    const out = gauntGrid(2, 3, 3, 2, x1, x2, 1);
    expect(
      relativeError(
        x2.map((v) => v / Math.sqrt(4 * Math.PI)),
        out,
      ),
    ).toBeLessThan(TOL.f64);
  });

  it.each(ROUTES)('%s route is O(3)-equivariant (rotations and reflections, parity (−1)^l)', (route) => {
    const rng = new Rng(202);
    const [L1, L2, Lout, C, batch] = [4, 3, 5, 2, 2];
    const s1 = { channels: C, lmax: L1 };
    const s2 = { channels: C, lmax: L2 };
    const so = { channels: C, lmax: Lout };
    const x1 = rng.normals(batch * signalDim(s1));
    const x2 = rng.normals(batch * signalDim(s2));
    for (const improper of [false, true]) {
      const R = randomRotation(rng).map((v) => (improper ? -v : v));
      const rotatedFirst = FORWARD[route](
        L1,
        L2,
        Lout,
        C,
        transformSignal(x1, s1, R, batch),
        transformSignal(x2, s2, R, batch),
        batch,
      );
      const rotatedAfter = transformSignal(FORWARD[route](L1, L2, Lout, C, x1, x2, batch), so, R, batch);
      expect(relativeError(rotatedAfter, rotatedFirst)).toBeLessThan(TOL.f64);
    }
  });

  it('cannot make a cross product: 1o ⊗ 1o has no 1o part (only l1 + l2 + l3 even paths)', () => {
    const x1 = new Float64Array([0, 0.3, -1.2, 0.7]);
    const x2 = new Float64Array([0, 1.1, 0.4, -0.5]);
    const out = gauntDirect(1, 1, 2, 1, x1, x2, 1);
    expect(Math.hypot(out[1], out[2], out[3])).toBe(0);
    expect(Math.abs(out[0])).toBeGreaterThan(0.1); // the dot product survives
  });
});

describe('Gaunt product backward (float64)', () => {
  const [L1, L2, Lout, C, batch] = [3, 2, 4, 2, 2];
  const shapes = {
    in1: { channels: C, lmax: L1 },
    in2: { channels: C, lmax: L2 },
    out: { channels: C, lmax: Lout },
  };

  function randomWeights(rng: Rng, perChannel: boolean): DegreeWeights {
    const n = (L: number) => (L + 1) * (perChannel ? C : 1);
    return {
      in1: rng.uniforms(n(L1), 0.5, 1.5),
      in2: rng.uniforms(n(L2), 0.5, 1.5),
      out: rng.uniforms(n(Lout), 0.5, 1.5),
    };
  }

  /** Checks ⟨grad, v⟩ against central differences of L = Σ gradOut · out along random directions v. */
  it.each([
    ['direct', 'none'],
    ['grid', 'none'],
    ['direct', 'shared'],
    ['grid', 'per-channel'],
  ] as const)('%s route, degree weights %s: matches central finite differences', (route, weighting) => {
    const rng = new Rng(route.length * 31 + weighting.length);
    const x1 = rng.normals(batch * signalDim(shapes.in1));
    const x2 = rng.normals(batch * signalDim(shapes.in2));
    const gradOut = rng.normals(batch * signalDim(shapes.out));
    const weights = weighting === 'none' ? undefined : randomWeights(rng, weighting === 'per-channel');
    const loss = (a: Float64Array, b: Float64Array, w?: DegreeWeights) =>
      dot(gradOut, FORWARD[route](L1, L2, Lout, C, a, b, batch, w));
    const grads = BACKWARD[route](L1, L2, Lout, C, x1, x2, gradOut, batch, weights);
    const h = 1e-5;
    const check = (analytic: number, plus: number, minus: number) => {
      const numeric = (plus - minus) / (2 * h);
      expect(Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric))).toBeLessThan(
        TOL.finiteDifferenceMultilinear,
      );
    };
    for (let trial = 0; trial < 3; trial++) {
      const v1 = rng.normals(x1.length);
      const v2 = rng.normals(x2.length);
      check(dot(grads.gradX1, v1), loss(axpy(x1, h, v1), x2, weights), loss(axpy(x1, -h, v1), x2, weights));
      check(dot(grads.gradX2, v2), loss(x1, axpy(x2, h, v2), weights), loss(x1, axpy(x2, -h, v2), weights));
      if (!weights || !grads.gradWeights) continue;
      for (const key of ['in1', 'in2', 'out'] as const) {
        const v = rng.normals(weights[key].length);
        const shifted = (sign: number) => ({ ...weights, [key]: axpy(weights[key], sign * h, v) });
        check(dot(grads.gradWeights[key], v), loss(x1, x2, shifted(1)), loss(x1, x2, shifted(-1)));
      }
    }
    expect(grads.gradWeights === undefined).toBe(weights === undefined);
  });

  it('direct and grid backward agree, and shared weights equal per-channel weights repeated', () => {
    const rng = new Rng(9);
    const x1 = rng.normals(batch * signalDim(shapes.in1));
    const x2 = rng.normals(batch * signalDim(shapes.in2));
    const gradOut = rng.normals(batch * signalDim(shapes.out));
    const shared = randomWeights(rng, false);
    const repeat = (w: Float64Array) =>
      Float64Array.from({ length: w.length * C }, (_, i) => w[Math.floor(i / C)]);
    const perChannel = { in1: repeat(shared.in1), in2: repeat(shared.in2), out: repeat(shared.out) };
    const a = gauntDirectBackward(L1, L2, Lout, C, x1, x2, gradOut, batch, shared);
    const b = gauntGridBackward(L1, L2, Lout, C, x1, x2, gradOut, batch, perChannel);
    expect(relativeError(a.gradX1, b.gradX1)).toBeLessThan(TOL.f64);
    expect(relativeError(a.gradX2, b.gradX2)).toBeLessThan(TOL.f64);
    const sumChannels = (w: Float64Array) =>
      Float64Array.from({ length: w.length / C }, (_, l) =>
        w.slice(l * C, l * C + C).reduce((s, v) => s + v, 0),
      );
    expect(relativeError(a.gradWeights!.in1, sumChannels(b.gradWeights!.in1))).toBeLessThan(TOL.f64);
    expect(relativeError(a.gradWeights!.out, sumChannels(b.gradWeights!.out))).toBeLessThan(TOL.f64);
  });

  it('rejects inputs and weights of the wrong size with clear messages', () => {
    expect(() => gauntDirect(2, 2, 2, 3, new Float64Array(26), new Float64Array(27), 1)).toThrow(
      /expected 1 samples × 3x0e\+3x1o\+3x2e = 27/,
    );
    const w = { in1: new Float64Array(4), in2: new Float64Array(3), out: new Float64Array(3) };
    expect(() => gauntGrid(2, 2, 2, 3, new Float64Array(27), new Float64Array(27), 1, w)).toThrow(
      /expected 3 \(one per degree\) or 3 × 3 = 9/,
    );
  });
});
