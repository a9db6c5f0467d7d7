import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/random';
import { radiusGraphCpu, receiversFromOffsets } from './radius-graph-cpu';

describe('radius graph, float64 brute force', () => {
  it('builds a chain with e3nn edge vectors pos[sender] − pos[receiver], sorted by (receiver, sender)', () => {
    const g = radiusGraphCpu(Float64Array.of(0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0), undefined, 1.5);
    expect([...g.receivers]).toEqual([0, 1, 1, 2, 2, 3]);
    expect([...g.senders]).toEqual([1, 0, 2, 1, 3, 2]);
    expect([...g.receiverOffsets]).toEqual([0, 1, 3, 5, 6]);
    // Edge 1 → 0 points from the receiver (x = 0) to the sender (x = 1).
    expect([...g.edgeVectors.slice(0, 6)]).toEqual([1, 0, 0, -1, 0, 0]);
    expect([...g.edgeLengths]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('excludes pairs exactly at the cutoff and pairs in different structures', () => {
    const positions = Float64Array.of(0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1.5, 0);
    // Six pairs; the two at distance exactly 2 are not edges (coincident atoms are).
    expect(radiusGraphCpu(positions, undefined, 2).senders.length).toBe(2 * 4);
    const split = radiusGraphCpu(positions, Int32Array.of(0, 0, 7, 7), 2);
    expect([...split.senders]).toEqual([3, 2]);
    expect([...split.receivers]).toEqual([2, 3]);
    expect([...split.receiverOffsets]).toEqual([0, 0, 0, 1, 2]);
  });

  it('is the symmetric set of all close pairs, without self loops', () => {
    const rng = new Rng(17);
    const n = 150;
    const positions = rng.uniforms(3 * n, 0, 4);
    const graphIndex = Int32Array.from({ length: n }, () => rng.int(3));
    const g = radiusGraphCpu(positions, graphIndex, 1.1);
    const edges = new Set([...g.senders].map((s, e) => `${s}>${g.receivers[e]}`));
    let expected = 0;
    for (let r = 0; r < n; r++)
      for (let s = 0; s < n; s++) {
        const d = Math.hypot(...[0, 1, 2].map((c) => positions[3 * s + c] - positions[3 * r + c]));
        if (s !== r && graphIndex[s] === graphIndex[r] && d < 1.1) {
          expected++;
          expect(edges.has(`${s}>${r}`) && edges.has(`${r}>${s}`)).toBe(true);
        }
      }
    expect(g.senders.length).toBe(expected);
    expect(receiversFromOffsets(g.receiverOffsets)).toEqual(g.receivers);
  });

  it('rejects malformed input', () => {
    expect(() => radiusGraphCpu([0, 0], undefined, 1)).toThrow(/3·n/);
    expect(() => radiusGraphCpu([0, 0, Number.NaN], undefined, 1)).toThrow(/not finite/);
    expect(() => radiusGraphCpu([0, 0, 0], [-1], 1)).toThrow(/structure id/);
    expect(() => radiusGraphCpu([0, 0, 0], [0, 0], 1)).toThrow(/entries/);
    expect(() => radiusGraphCpu([0, 0, 0], undefined, -1)).toThrow(/cutoff/);
  });
});
