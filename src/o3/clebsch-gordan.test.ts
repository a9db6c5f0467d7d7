import { describe, expect, it } from 'vitest';
import { TOL } from '../test/tolerances';
import { su2ClebschGordanCoefficient as cg } from './clebsch-gordan';

describe('su2ClebschGordanCoefficient', () => {
  it('reproduces textbook values (Condon–Shortley)', () => {
    const cases: [number, number, number, number, number, number, number][] = [
      [1, 1, 1, -1, 0, 0, 1 / Math.sqrt(3)],
      [1, 0, 1, 0, 0, 0, -1 / Math.sqrt(3)],
      [1, 0, 1, 0, 2, 0, Math.sqrt(2 / 3)],
      [1, 0, 1, 0, 1, 0, 0],
      [1, 1, 1, 0, 1, 1, 1 / Math.sqrt(2)],
      [1, 0, 1, 1, 1, 1, -1 / Math.sqrt(2)],
      [1, 1, 1, 1, 2, 2, 1],
      [2, 1, 1, -1, 1, 0, Math.sqrt(3 / 10)],
      [2, 0, 1, 0, 1, 0, -Math.sqrt(2 / 5)],
      [3, 3, 0, 0, 3, 3, 1],
    ];
    for (const [l1, m1, l2, m2, l3, m3, want] of cases) {
      expect(Math.abs(cg(l1, m1, l2, m2, l3, m3) - want)).toBeLessThan(TOL.f64Tight);
    }
  });

  it('vanishes outside the selection rules', () => {
    expect(cg(1, 1, 1, 1, 2, 1)).toBe(0);
    expect(cg(1, 0, 1, 0, 3, 0)).toBe(0);
    expect(cg(2, 3, 1, 0, 3, 3)).toBe(0);
  });

  it.each([
    [3, 4],
    [7, 5],
    [20, 18],
  ])('is orthogonal: Σ_m1m2 ⟨l1 m1 l2 m2|L M⟩⟨l1 m1 l2 m2|L′ M⟩ = δ_LL′ (l1=%i, l2=%i)', (l1, l2) => {
    // Large l exercises the exact rational sum: a floating-point Racah sum loses digits there.
    for (const m of [0, 1, -2]) {
      const ls: number[] = [];
      for (let big = Math.max(Math.abs(l1 - l2), Math.abs(m)); big <= l1 + l2; big++) ls.push(big);
      // column L: the coefficients ⟨l1 m1; l2 m−m1 | L m⟩ over m1
      const columns = ls.map((big) => {
        const column: number[] = [];
        for (let m1 = -l1; m1 <= l1; m1++) column.push(cg(l1, m1, l2, m - m1, big, m));
        return column;
      });
      columns.forEach((a, i) => {
        columns.forEach((b, j) => {
          const dot = a.reduce((sum, v, k) => sum + v * b[k], 0);
          expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(TOL.f64Tight);
        });
      });
    }
  });
});
