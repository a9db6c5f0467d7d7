import { describe, expect, it } from 'vitest';
import { scalarScale, scalarT } from './scalar-scale';

describe('scalarScale', () => {
  it('is symmetric about zero for values of both signs', () => {
    const s = scalarScale([-1, 0.5, 2]);
    expect(s).toMatchObject({ min: -1, max: 2, lo: -2, hi: 2, symmetric: true });
    if (!s) return;
    expect(scalarT(s, 0)).toBe(0);
    expect(scalarT(s, 2)).toBe(1);
    expect(scalarT(s, -1)).toBe(-0.5);
  });

  it('stretches one-signed values from min to max', () => {
    const s = scalarScale([-5, -4, -3]);
    expect(s).toMatchObject({ lo: -5, hi: -3, symmetric: false });
    if (!s) return;
    expect(scalarT(s, -5)).toBe(-1);
    expect(scalarT(s, -4)).toBe(0);
    expect(scalarT(s, -3)).toBe(1);
  });

  it('handles constant, empty and non-finite input', () => {
    const s = scalarScale([2, 2, Number.NaN]);
    expect(s).toMatchObject({ min: 2, max: 2, lo: 0, hi: 4 });
    if (s) expect(scalarT(s, Number.NaN)).toBe(0);
    expect(scalarScale([])).toBeNull();
    expect(scalarScale([Number.POSITIVE_INFINITY])).toBeNull();
  });
});
