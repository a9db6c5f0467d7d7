import { describe, expect, it } from 'vitest';
import { Irreps } from '../o3/irreps';
import { det, type Mat3, randomRotation } from '../o3/rotation';
import { sphericalHarmonics } from '../o3/spherical-harmonics';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import {
  aboutPoint,
  applyToStructure,
  compose,
  type GroupElement,
  mirror,
  permutation,
  translation,
} from './group';
import { applyRepresentation, parseOutput } from './representation';
import { randomPermutation } from './transformations';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

function mulVec(Q: Mat3, v: ArrayLike<number>): number[] {
  return [0, 1, 2].map((i) => Q[3 * i] * v[0] + Q[3 * i + 1] * v[1] + Q[3 * i + 2] * v[2]);
}

function randomElement(rng: Rng, n: number, improper: boolean): GroupElement {
  const Q = randomRotation(rng);
  if (improper) for (let i = 0; i < 9; i++) Q[i] = -Q[i];
  const g = compose(translation(rng.normals(3)), aboutPoint(Q, rng.normals(3)));
  return compose(permutation(randomPermutation(rng, n)), g);
}

describe('ρ(g) on outputs', () => {
  it.each([false, true])('maps 1o to Q·v, 1e to det(Q)·Q·v and 0o to det(Q)·s (improper: %s)', (improper) => {
    const rng = new Rng(improper ? 2 : 1);
    const g = randomElement(rng, 1, improper);
    const v = rng.normals(3);
    const s = det(g.Q);
    expect(Math.abs(Math.abs(s) - 1)).toBeLessThan(TOL.f64);
    const polar = applyRepresentation(parseOutput({ name: 'v', irreps: '1o', perAtom: false }), g, v);
    const axial = applyRepresentation(parseOutput({ name: 'a', irreps: '1e', perAtom: false }), g, v);
    const pseudo = applyRepresentation(
      parseOutput({ name: 'p', irreps: '0o', perAtom: false }),
      g,
      v.subarray(0, 1),
    );
    // D¹(R) = R (e3nn): a 1o block is a plain xyz vector.
    expect(maxAbsDiff(polar, mulVec(g.Q, v))).toBeLessThan(TOL.f64);
    expect(
      maxAbsDiff(
        axial,
        mulVec(g.Q, v).map((x) => s * x),
      ),
    ).toBeLessThan(TOL.f64);
    expect(pseudo[0]).toBeCloseTo(s * v[0], 12);
  });

  it('adds the translation to positions only, and permutes per-atom rows only', () => {
    const rng = new Rng(3);
    const g = randomElement(rng, 4, false);
    const rows = rng.normals(12);
    const asPositions = applyRepresentation(
      parseOutput({ name: 'x', irreps: '1o', perAtom: true, position: true }),
      g,
      rows,
    );
    const asVectors = applyRepresentation(parseOutput({ name: 'f', irreps: '1o', perAtom: true }), g, rows);
    for (let i = 0; i < 4; i++) {
      const src = (g.perm as Int32Array)[i];
      const Qv = mulVec(g.Q, rows.subarray(3 * src, 3 * src + 3));
      expect(maxAbsDiff(asVectors.subarray(3 * i, 3 * i + 3), Qv)).toBeLessThan(TOL.f64);
      expect(
        maxAbsDiff(
          asPositions.subarray(3 * i, 3 * i + 3),
          Qv.map((x, k) => x + g.t[k]),
        ),
      ).toBeLessThan(TOL.f64);
    }
    const whole = applyRepresentation(
      parseOutput({ name: 'e', irreps: '4x0e', perAtom: false }),
      g,
      rows.subarray(0, 4),
    );
    expect(Array.from(whole)).toEqual(Array.from(rows.subarray(0, 4)));
  });

  it('is a homomorphism: ρ(g₂g₁) = ρ(g₂)ρ(g₁) on mixed irreps with permutations', () => {
    const rng = new Rng(4);
    const spec = parseOutput({ name: 'h', irreps: '2x0e+0o+1o+1e+2e+3o', perAtom: true });
    const n = 5;
    const x = rng.normals(n * spec.dim);
    for (const [a, b] of [
      [false, false],
      [true, false],
      [true, true],
    ]) {
      const g1 = randomElement(rng, n, a);
      const g2 = randomElement(rng, n, b);
      const direct = applyRepresentation(spec, compose(g2, g1), x);
      const stepwise = applyRepresentation(spec, g2, applyRepresentation(spec, g1, x));
      expect(maxAbsDiff(direct, stepwise)).toBeLessThan(TOL.f64);
    }
  });

  it('matches the spherical harmonics of transformed vectors: Y(Qx) = ρ(Q)Y(x), proper and improper', () => {
    const rng = new Rng(5);
    const lmax = 4;
    const spec = parseOutput({
      name: 'Y',
      irreps: Irreps.sphericalHarmonics(lmax).toString(),
      perAtom: true,
    });
    const x = rng.normals(3 * 6);
    for (const g of [
      randomElement(rng, 6, false),
      randomElement(rng, 6, true),
      mirror(rng.normals(3), [0, 0, 0]),
    ]) {
      const linear = { ...g, t: new Float64Array(3), perm: null };
      const moved = applyToStructure(linear, { positions: x, species: new Int32Array(6) }).positions;
      const expected = applyRepresentation(
        spec,
        linear,
        sphericalHarmonics(lmax, x, { normalize: true, normalization: 'component' }),
      );
      expect(
        maxAbsDiff(
          sphericalHarmonics(lmax, moved, { normalize: true, normalization: 'component' }),
          expected,
        ),
      ).toBeLessThan(TOL.f64);
    }
  });

  it('refuses positions that are not 1o blocks', () => {
    expect(() => parseOutput({ name: 'p', irreps: '0e', perAtom: true, position: true })).toThrow(
      /1o blocks/,
    );
  });
});
