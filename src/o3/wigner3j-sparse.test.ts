import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';
import { wigner3j } from './wigner3j';
import { sparseWigner3j } from './wigner3j-sparse';

function denseFrom(l1: number, l2: number, l3: number): Float64Array {
  const [n2, n3] = [2 * l2 + 1, 2 * l3 + 1];
  const out = new Float64Array((2 * l1 + 1) * n2 * n3);
  for (const { i, j, k, c } of sparseWigner3j(l1, l2, l3)) out[(i * n2 + j) * n3 + k] = c;
  return out;
}

describe('sparseWigner3j', () => {
  it('holds every non-zero of wigner3j and nothing else', () => {
    for (const [l1, l2, l3] of [
      [1, 1, 1],
      [2, 3, 4],
      [4, 4, 4],
      [3, 1, 2],
    ]) {
      const dense = wigner3j(l1, l2, l3);
      const sparse = denseFrom(l1, l2, l3);
      expect(relativeError(dense, sparse)).toBeLessThan(TOL.f64Tight);
      expect(sparseWigner3j(l1, l2, l3).length).toBeLessThan(dense.length);
    }
  });

  // e3nn's generated code replaces these paths by closed forms (x2/√(2l+1), x1·x2/√(2l+1), a cross
  // product /√6). Our generic sum equals e3nn's output only if the 3j tensors have exactly those signs.
  it('matches the closed forms e3nn specialises: identities /√(2l+1) and the cross product /√6', () => {
    for (let l = 0; l <= 4; l++) {
      const n = 2 * l + 1;
      const s = 1 / Math.sqrt(n);
      const [a, b, c] = [wigner3j(0, l, l), wigner3j(l, 0, l), wigner3j(l, l, 0)];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const want = i === j ? s : 0;
          expect(Math.abs(a[i * n + j] - want)).toBeLessThan(TOL.f64Tight);
          expect(Math.abs(b[i * n + j] - want)).toBeLessThan(TOL.f64Tight);
          expect(Math.abs(c[i * n + j] - want)).toBeLessThan(TOL.f64Tight);
        }
      }
    }
    const eps = (i: number, j: number, k: number) => ((i - j) * (j - k) * (k - i)) / 2;
    const w = wigner3j(1, 1, 1);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 3; k++)
          expect(Math.abs(w[(i * 3 + j) * 3 + k] - eps(i, j, k) / Math.sqrt(6))).toBeLessThan(TOL.f64Tight);
  });
});
