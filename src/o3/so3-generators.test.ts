import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../test/compare';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import {
  complexMatMul,
  conjugateTranspose,
  squareIdentity,
  squareMatMul,
  squareMatrixExp,
  squareTranspose,
} from './dense-matrix';
import { matrixX, matrixY, matrixZ } from './rotation';
import { changeBasisRealToComplex, so3Generators } from './so3-generators';

function commutator(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const ab = squareMatMul(a, b, n);
  const ba = squareMatMul(b, a, n);
  return ab.map((v, i) => v - ba[i]);
}

describe('so3Generators (e3nn real basis)', () => {
  it('generate matrixX, matrixY, matrixZ for l = 1', () => {
    const [x0, x1, x2] = so3Generators(1);
    const t = new Rng(1).uniform(-3, 3);
    expect(
      maxAbsDiff(
        matrixX(t),
        squareMatrixExp(
          x0.map((v) => v * t),
          3,
        ),
      ),
    ).toBeLessThan(TOL.f64Tight);
    expect(
      maxAbsDiff(
        matrixY(t),
        squareMatrixExp(
          x1.map((v) => v * t),
          3,
        ),
      ),
    ).toBeLessThan(TOL.f64Tight);
    expect(
      maxAbsDiff(
        matrixZ(t),
        squareMatrixExp(
          x2.map((v) => v * t),
          3,
        ),
      ),
    ).toBeLessThan(TOL.f64Tight);
  });

  it.each([0, 1, 2, 3, 6, 11])('satisfy [X0, X1] = X2 (cyclic) and X·X = −l(l+1) for l = %i', (l) => {
    const n = 2 * l + 1;
    const [x0, x1, x2] = so3Generators(l);
    const scale = Math.max(1, l * (l + 1));
    expect(maxAbsDiff(x2, commutator(x0, x1, n)) / scale).toBeLessThan(TOL.f64Tight);
    expect(maxAbsDiff(x0, commutator(x1, x2, n)) / scale).toBeLessThan(TOL.f64Tight);
    expect(maxAbsDiff(x1, commutator(x2, x0, n)) / scale).toBeLessThan(TOL.f64Tight);
    const casimir = [x0, x1, x2]
      .map((x) => squareMatMul(x, x, n))
      .reduce((a, b) => a.map((v, i) => v + b[i]));
    const want = squareIdentity(n).map((v) => -l * (l + 1) * v);
    expect(maxAbsDiff(want, casimir) / scale).toBeLessThan(TOL.f64Tight);
    // antisymmetric, so every exp(t·X) is orthogonal
    for (const x of [x0, x1, x2]) {
      const xT = squareTranspose(x, n);
      expect(
        maxAbsDiff(
          x.map((v) => -v),
          xT,
        ),
      ).toBeLessThan(TOL.f64Tight);
    }
  });

  it.each([0, 1, 4, 7])('uses a unitary change of basis for l = %i', (l) => {
    const q = changeBasisRealToComplex(l);
    const product = complexMatMul(conjugateTranspose(q), q);
    const n = 2 * l + 1;
    expect(maxAbsDiff(squareIdentity(n), product.re)).toBeLessThan(TOL.f64Tight);
    expect(maxAbsDiff(new Float64Array(n * n), product.im)).toBeLessThan(TOL.f64Tight);
  });
});
