import { describe, expect, it } from 'vitest';
import { subsetIndices } from './point-lod';

describe('subsetIndices', () => {
  it('picks distinct, sorted, in-range indices spread over the whole cloud', () => {
    const n = 100_000;
    const idx = subsetIndices(n, 20_000);
    expect(idx.length).toBe(20_000);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
    expect(idx[idx.length - 1]).toBeLessThan(n);
    // Each tenth of the cloud keeps about a tenth of the subset.
    const tenths = new Array(10).fill(0);
    for (const i of idx) tenths[Math.floor(i / 10_000)]++;
    for (const c of tenths) expect(Math.abs(c - 2_000)).toBeLessThan(200);
  });

  it('keeps every point of a small cloud and is deterministic', () => {
    expect(Array.from(subsetIndices(5, 10))).toEqual([0, 1, 2, 3, 4]);
    expect(subsetIndices(1_000, 50)).toEqual(subsetIndices(1_000, 50));
  });
});
