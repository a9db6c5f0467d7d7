import { describe, expect, it } from 'vitest';
import { withDevice } from '../test/gpu-harness';
import { cloudAwayFromCutoff, firstDifference, neighbourCounts, uniformDraw } from '../test/graph-fixtures';
import { Rng } from '../util/random';
import { radiusGraphGpuFromHost, readRadiusGraph } from './radius-graph';

/** Brute-force float64 neighbours of one receiver among all atoms, ascending. */
function neighboursOf(positions: Float64Array, r: number, cutoff: number): number[] {
  const out: number[] = [];
  const n = positions.length / 3;
  for (let s = 0; s < n; s++) {
    if (s === r) continue;
    const dx = positions[3 * s] - positions[3 * r];
    const dy = positions[3 * s + 1] - positions[3 * r + 1];
    const dz = positions[3 * s + 2] - positions[3 * r + 2];
    if (dx * dx + dy * dy + dz * dz < cutoff * cutoff) out.push(s);
  }
  return out;
}

describe('radius graph of a 10⁵-point cloud', () => {
  it('has the float64 degree at every atom, is sorted and symmetric, and sampled lists equal brute force', async () => {
    await withDevice(async (gpu) => {
      const n = 100_000;
      const cutoff = 1;
      // About 12 neighbours per atom: density 12 / (4π/3) in a cube of n atoms.
      const side = Math.cbrt(n / (12 / ((4 * Math.PI) / 3)));
      const rng = new Rng(2024);
      const { positions } = cloudAwayFromCutoff(n, cutoff, uniformDraw(rng, side));
      const g = await radiusGraphGpuFromHost(gpu, positions, undefined, cutoff);
      const got = await readRadiusGraph(gpu, g);
      g.destroy();
      const { senders, receivers, receiverOffsets: offsets } = got;
      expect(senders.length / n).toBeGreaterThan(10);
      expect(offsets[0]).toBe(0);
      expect(offsets[n]).toBe(senders.length);
      // Every atom's degree equals a float64 cell-list count.
      const degrees = offsets.slice(1).map((o, i) => o - offsets[i]);
      expect(firstDifference(neighbourCounts(positions, cutoff), degrees)).toBe(-1);
      // Senders strictly ascending within each receiver, receivers matching the offsets, no self loops.
      let bad = -1;
      for (let i = 0; i < n && bad < 0; i++) {
        if (offsets[i + 1] < offsets[i]) bad = i;
        for (let e = offsets[i]; e < offsets[i + 1]; e++) {
          if (receivers[e] !== i || senders[e] === i || (e > offsets[i] && senders[e] <= senders[e - 1]))
            bad = i;
        }
      }
      expect(bad).toBe(-1);
      // Symmetric: the reverse of every edge is present (binary search in the sender's list).
      const hasEdge = (s: number, r: number) => {
        let lo = offsets[r];
        let hi = offsets[r + 1];
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (senders[mid] < s) lo = mid + 1;
          else hi = mid;
        }
        return lo < offsets[r + 1] && senders[lo] === s;
      };
      // …and the GPU's reverse-edge map points at it.
      const { reverseEdges } = got;
      let asymmetric = -1;
      for (let e = 0; e < senders.length && asymmetric < 0; e++) {
        const rev = reverseEdges[e];
        if (
          !hasEdge(receivers[e], senders[e]) ||
          senders[rev] !== receivers[e] ||
          receivers[rev] !== senders[e]
        )
          asymmetric = e;
      }
      expect(asymmetric).toBe(-1);
      // Sampled receivers: exactly the brute-force neighbourhood, in order.
      for (let k = 0; k < 200; k++) {
        const r = rng.int(n);
        const want = neighboursOf(positions, r, cutoff);
        expect(firstDifference(want, senders.subarray(offsets[r], offsets[r + 1]))).toBe(-1);
      }
    });
  });
});
