import { describe, expect, it } from 'vitest';
import { Rng } from '../util/random';
import {
  axisAngleMatrix,
  haarRotation,
  multiply3,
  rotateRows,
  rotationAngle,
  unrotateRows,
} from './rotation';

function expectRotation(r: number[]) {
  const rtr = multiply3([r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]], r);
  rtr.forEach((v, i) => {
    expect(v).toBeCloseTo(i % 4 === 0 ? 1 : 0, 12);
  });
}

describe('rotation helpers', () => {
  it('axis-angle follows the right-hand rule and composes', () => {
    const r = axisAngleMatrix([0, 0, 2], Math.PI / 2) ?? [];
    expect(Array.from(rotateRows(r, new Float64Array([1, 0, 0])))).toEqual([
      expect.closeTo(0, 12),
      expect.closeTo(1, 12),
      expect.closeTo(0, 12),
    ]);
    expect(rotationAngle(multiply3(r, r))).toBeCloseTo(Math.PI, 12);
    const v = new Float64Array([0.3, -1, 2]);
    const back = unrotateRows(r, rotateRows(r, v));
    back.forEach((x, i) => {
      expect(x).toBeCloseTo(v[i], 12);
    });
  });

  it('Haar draws are proper rotations with the uniform mean trace of 0', () => {
    const rng = new Rng(3);
    let trace = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const r = haarRotation(() => rng.normal());
      if (i < 5) expectRotation(r);
      trace += (r[0] + r[4] + r[8]) / n;
    }
    // E[tr R] = 0 under the Haar measure; its standard deviation is 1, so the mean's is 1/√n.
    expect(Math.abs(trace)).toBeLessThan(4 / Math.sqrt(n));
  });
});
