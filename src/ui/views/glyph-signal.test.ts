import { describe, expect, it } from 'vitest';
import { evaluateSignal, signalFromIrreps } from './glyph-signal';

describe('glyph signals', () => {
  it('reads a 1o feature as √3 c·n on the sphere', () => {
    const c = [0.3, -1.2, 0.5];
    const signal = signalFromIrreps('1o', c, 1);
    expect(signal?.lmax).toBe(1);
    if (!signal) return;
    const dirs = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.6, 0, 0.8]);
    const f = evaluateSignal(signal, dirs);
    for (let j = 0; j < 4; j++) {
      const dot = c[0] * dirs[3 * j] + c[1] * dirs[3 * j + 1] + c[2] * dirs[3 * j + 2];
      expect(f[j]).toBeCloseTo(Math.sqrt(3) * dot, 12);
    }
  });

  it('takes the first copy of each degree and keeps atoms apart', () => {
    // Two atoms, "2x0e + 1x1o": the scalar is the first copy; second copies are ignored.
    const values = [2, 99, 0, 0, 1, -1, 99, 0, 0, 0];
    const signal = signalFromIrreps('2x0e + 1x1o', values, 2);
    expect(Array.from(signal?.coefficients ?? [])).toEqual([2, 0, 0, 1, -1, 0, 0, 0]);
  });

  it('refuses rows that do not fit', () => {
    expect(signalFromIrreps('1o', [1, 2], 1)).toBeNull();
    expect(signalFromIrreps('not irreps', [1], 1)).toBeNull();
  });
});
