import { describe, expect, it } from 'vitest';
import { maxAbsDiff, relativeError } from '../test/compare';
import { loadRefdata } from '../test/refdata';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { squareIdentity, squareMatMul, squareMatrixExp, squareTranspose } from './dense-matrix';
import { Irreps } from './irreps';
import { anglesToMatrix, det, identity3, type Mat3, matMul, randomAngles, randomRotation } from './rotation';
import { so3Generators } from './so3-generators';
import { blockDiagonalD, irrepDFromMatrix, wignerD, wignerDFromMatrix } from './wigner';

interface WignerDFile {
  rotations: {
    alpha: number;
    beta: number;
    gamma: number;
    D: Record<string, number[][]>;
    Y_x: number[][];
    Y_Rx: number[][];
  }[];
}

function randomImproperRotation(rng: Rng): Mat3 {
  return randomRotation(rng).map((v) => -v);
}

/** D · v for an n×n matrix. */
function matVec(d: ArrayLike<number>, v: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += d[i * n + j] * v[j];
  return out;
}

describe('wignerD', () => {
  const ref = loadRefdata<WignerDFile>('wignerD.json');

  it('matches e3nn wigner_D for l ≤ 4 (wignerD.json)', () => {
    let checked = 0;
    for (const { alpha, beta, gamma, D } of ref.rotations) {
      for (const [l, want] of Object.entries(D)) {
        expect(relativeError(want.flat(), wignerD(Number(l), alpha, beta, gamma))).toBeLessThan(TOL.f64Tight);
        checked++;
      }
    }
    expect(checked).toBe(ref.rotations.length * 5);
  });

  it("maps e3nn's Y(x) to e3nn's Y(Rx) (wignerD.json, independent of our SH code)", () => {
    for (const { alpha, beta, gamma, Y_x, Y_Rx } of ref.rotations) {
      Y_x.forEach((y, point) => {
        for (let l = 0; l <= 4; l++) {
          const n = 2 * l + 1;
          const rotated = matVec(wignerD(l, alpha, beta, gamma), y.slice(l * l, l * l + n), n);
          expect(relativeError(Y_Rx[point].slice(l * l, l * l + n), rotated)).toBeLessThan(TOL.f64Tight);
        }
      });
    }
  });

  it('equals the rotation matrix for l = 1 and 1 for l = 0', () => {
    const rng = new Rng(10);
    for (let trial = 0; trial < 20; trial++) {
      const { alpha, beta, gamma } = randomAngles(rng);
      expect(maxAbsDiff(anglesToMatrix(alpha, beta, gamma), wignerD(1, alpha, beta, gamma))).toBeLessThan(
        TOL.f64Tight,
      );
      expect(wignerD(0, alpha, beta, gamma)).toEqual(Float64Array.of(1));
    }
  });

  it("agrees with e3nn's recipe exp(αX1)·exp(βX0)·exp(γX1) by matrix exponentials, l ≤ 8", () => {
    const rng = new Rng(11);
    for (let l = 0; l <= 8; l++) {
      const n = 2 * l + 1;
      const [x0, x1] = so3Generators(l);
      const { alpha, beta, gamma } = randomAngles(rng);
      const exp = (x: Float64Array, t: number) =>
        squareMatrixExp(
          x.map((v) => v * t),
          n,
        );
      const want = squareMatMul(squareMatMul(exp(x1, alpha), exp(x0, beta), n), exp(x1, gamma), n);
      expect(relativeError(want, wignerD(l, alpha, beta, gamma))).toBeLessThan(TOL.f64);
    }
  });

  it.each([2, 5, 10, 16, 24])('is orthogonal for l = %i', (l) => {
    const rng = new Rng(100 + l);
    const n = 2 * l + 1;
    const { alpha, beta, gamma } = randomAngles(rng);
    const d = wignerD(l, alpha, beta, gamma);
    expect(maxAbsDiff(squareIdentity(n), squareMatMul(squareTranspose(d, n), d, n))).toBeLessThan(TOL.f64);
  });

  it.each([1, 2, 3, 6, 9, 12, 20])('is a representation: D(R1 R2) = D(R1) D(R2) for l = %i', (l) => {
    const rng = new Rng(200 + l);
    const n = 2 * l + 1;
    for (let trial = 0; trial < 3; trial++) {
      const [r1, r2] = [randomRotation(rng), randomRotation(rng)];
      const want = squareMatMul(wignerDFromMatrix(l, r1), wignerDFromMatrix(l, r2), n);
      expect(relativeError(want, wignerDFromMatrix(l, matMul(r1, r2)))).toBeLessThan(TOL.f64);
    }
  });

  it('is 2π-periodic in every angle and inverted by (−γ, −β, −α)', () => {
    const rng = new Rng(12);
    for (const l of [2, 3, 7]) {
      const n = 2 * l + 1;
      const { alpha, beta, gamma } = randomAngles(rng);
      const d = wignerD(l, alpha, beta, gamma);
      const shifted = wignerD(l, alpha - 2 * Math.PI, beta + 4 * Math.PI, gamma + 2 * Math.PI);
      expect(relativeError(d, shifted)).toBeLessThan(TOL.f64);
      expect(relativeError(squareTranspose(d, n), wignerD(l, -gamma, -beta, -alpha))).toBeLessThan(TOL.f64);
    }
  });

  it('rejects a bad l', () => {
    expect(() => wignerD(-1, 0, 0, 0)).toThrow(RangeError);
    expect(() => wignerD(1.5, 0, 0, 0)).toThrow(RangeError);
  });
});

describe('parity and block-diagonal D', () => {
  it('acts on vectors (1o) by R and on pseudovectors (1e) by det(R)·R, proper or not', () => {
    const rng = new Rng(13);
    for (const R of [randomRotation(rng), randomImproperRotation(rng)]) {
      const sign = Math.sign(det(R));
      expect(maxAbsDiff(R, irrepDFromMatrix(1, -1, R))).toBeLessThan(TOL.f64Tight);
      expect(
        maxAbsDiff(
          R.map((v) => sign * v),
          irrepDFromMatrix(1, 1, R),
        ),
      ).toBeLessThan(TOL.f64Tight);
    }
  });

  it('places one block per copy, with parity signs, for an improper R', () => {
    const rng = new Rng(14);
    const irreps = Irreps.parse('2x0e+1x1o+1x0o+2x2e');
    const R = randomImproperRotation(rng);
    const d = blockDiagonalD(irreps, R);
    const dim = irreps.dim;
    expect(d.length).toBe(dim * dim);
    const d2 = wignerDFromMatrix(
      2,
      R.map((v) => -v),
    );
    // expected blocks: [1], [1], R, [−1], D²(−R), D²(−R)
    const want = new Float64Array(dim * dim);
    const put = (offset: number, block: ArrayLike<number>, n: number) => {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) want[(offset + i) * dim + offset + j] = block[i * n + j];
    };
    put(0, [1], 1);
    put(1, [1], 1);
    put(2, R, 3);
    put(5, [-1], 1);
    put(6, d2, 5);
    put(11, d2, 5);
    expect(maxAbsDiff(want, d)).toBeLessThan(TOL.f64Tight);
  });

  it('gives −1 to odd irreps and +1 to even ones under the inversion −I', () => {
    const irreps = Irreps.parse('1x0e+1x0o+1x1o+1x1e+1x2e+1x3o');
    const d = blockDiagonalD(
      irreps,
      identity3().map((v) => -v),
    );
    const diagonal = [1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1];
    const want = new Float64Array(irreps.dim * irreps.dim);
    diagonal.forEach((s, i) => {
      want[i * irreps.dim + i] = s;
    });
    expect(maxAbsDiff(want, d)).toBeLessThan(TOL.f64Tight);
  });

  it('is a representation of O(3)', () => {
    const rng = new Rng(15);
    const irreps = Irreps.parse('3x0o+2x1e+1x2o+1x5e');
    const n = irreps.dim;
    for (const [r1, r2] of [
      [randomImproperRotation(rng), randomRotation(rng)],
      [randomImproperRotation(rng), randomImproperRotation(rng)],
    ]) {
      const want = squareMatMul(blockDiagonalD(irreps, r1), blockDiagonalD(irreps, r2), n);
      expect(relativeError(want, blockDiagonalD(irreps, matMul(r1, r2)))).toBeLessThan(TOL.f64);
    }
  });
});
