import { describe, expect, it } from 'vitest';
import { Irreps } from '../o3/irreps';
import { BlockLayout } from './block-layout';
import { SegmentIndex } from './segment-index';

describe('SegmentIndex', () => {
  it('groups positions by index value, stably, with offsets bounding each group', () => {
    const s = SegmentIndex.build([2, 0, 2, 3, 0, 2], 5);
    expect(Array.from(s.order)).toEqual([1, 4, 0, 2, 5, 3]);
    expect(Array.from(s.offsets)).toEqual([0, 2, 2, 5, 6, 6]);
    expect(s.length).toBe(6);
    expect(s.sorted).toBe(false);
    expect(SegmentIndex.build([0, 0, 1, 3], 4).sorted).toBe(true);
  });

  it('refuses indices outside [0, numSegments)', () => {
    expect(() => SegmentIndex.build([0, 3], 3)).toThrow(/index\[1\] = 3/);
    expect(() => SegmentIndex.build([-1], 3)).toThrow(/outside/);
    expect(() => SegmentIndex.build([0.5], 3)).toThrow(/outside/);
  });
});

describe('BlockLayout', () => {
  it("maps columns to irrep copies in e3nn's layout", () => {
    const layout = BlockLayout.fromIrreps(new Irreps('2x0e + 1x1o + 1x2e'));
    expect(layout.cols).toBe(10);
    expect(layout.copies).toBe(4);
    expect(Array.from(layout.owner)).toEqual([0, 1, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(Array.from(layout.span)).toEqual([0, 1, 1, 1, 2, 3, 5, 5]);
  });
});
