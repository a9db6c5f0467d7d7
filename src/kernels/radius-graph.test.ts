import { describe, expect, it } from 'vitest';
import { radiusGraphCpu } from '../data/graph/radius-graph-cpu';
import type { Gpu } from '../gpu/runtime';
import { randomRotation } from '../o3/rotation';
import { groupByKey } from '../reference/group-by-key';
import { withDevice } from '../test/gpu-harness';
import {
  type Cloud,
  cloudAwayFromCutoff,
  clusteredDraw,
  expectSameGraph,
  firstDifference,
  TETRIS_SHAPES,
  uniformDraw,
} from '../test/graph-fixtures';
import { Rng } from '../util/random';
import { radiusGraphGpuFromHost, readRadiusGraph } from './radius-graph';

/** GPU graph (and its sender index) must equal the brute-force float64 graph exactly. */
async function expectGpuMatchesCpu(gpu: Gpu, cloud: Cloud, cutoff: number) {
  const want = radiusGraphCpu(cloud.positions, cloud.graphIndex, cutoff);
  const g = await radiusGraphGpuFromHost(gpu, cloud.positions, cloud.graphIndex, cutoff);
  const got = await readRadiusGraph(gpu, g);
  g.destroy();
  expectSameGraph(want, got);
  // The reverse-edge map is the index by sender, with the receivers' offsets (symmetry).
  const bySender = groupByKey(want.senders, want.numNodes);
  expect(firstDifference(bySender.offsets, want.receiverOffsets)).toBe(-1);
  expect(firstDifference(bySender.order, got.reverseEdges)).toBe(-1);
  return want;
}

describe('radius graph on the GPU vs the brute-force twin', () => {
  it('uniform boxes, dense and sparse, with negative coordinates', async () => {
    await withDevice(async (gpu) => {
      for (const [k, [n, side, cutoff]] of [
        [1500, 8, 1.3],
        [600, 30, 2.5],
        [400, 3, 1.0],
      ].entries()) {
        const rng = new Rng(40 + k);
        const cloud = cloudAwayFromCutoff(n, cutoff, uniformDraw(rng, side, side / 2));
        const g = await expectGpuMatchesCpu(gpu, cloud, cutoff);
        expect(g.senders.length).toBeGreaterThan(n);
      }
    });
  });

  it('clustered points (hundreds of neighbours per atom in a cluster)', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(7);
      const cloud = cloudAwayFromCutoff(1200, 1.5, clusteredDraw(rng, 6, 20, 0.8));
      const g = await expectGpuMatchesCpu(gpu, cloud, 1.5);
      const maxDegree = Math.max(...g.receiverOffsets.slice(1).map((o, i) => o - g.receiverOffsets[i]));
      expect(maxDegree).toBeGreaterThan(100);
    });
  });

  it('a batch of many tiny structures overlapping in space (Tetris, rotated and shifted)', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(11);
      const shapes = 3000;
      const positions = new Float64Array(3 * 4 * shapes);
      for (let s = 0; s < shapes; s++) {
        const shape = TETRIS_SHAPES[s % TETRIS_SHAPES.length];
        const rot = randomRotation(rng);
        const shift = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
        shape.forEach((p, a) => {
          for (let r = 0; r < 3; r++) {
            const x = rot[3 * r] * p[0] + rot[3 * r + 1] * p[1] + rot[3 * r + 2] * p[2] + shift[r];
            positions[3 * (4 * s + a) + r] = Math.fround(x);
          }
        });
      }
      const graphIndex = Int32Array.from({ length: 4 * shapes }, (_, i) => Math.floor(i / 4));
      const g = await expectGpuMatchesCpu(gpu, { positions, graphIndex }, 1.1);
      // Unit-distance neighbours only: both directions of every bond (the square has four).
      const bonds = (shape: (typeof TETRIS_SHAPES)[number]) =>
        shape.flatMap((p, a) =>
          shape.filter((q, b) => b > a && Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) === 1),
        ).length;
      const perCycle = TETRIS_SHAPES.reduce((sum, shape) => sum + 2 * bonds(shape), 0);
      expect(g.senders.length).toBe((perCycle * shapes) / TETRIS_SHAPES.length);
    });
  });

  it('empty structures, single atoms, coincident atoms and an empty batch', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(3);
      const base = cloudAwayFromCutoff(
        90,
        1.2,
        uniformDraw(rng, 3),
        (i) => [0, 2, 2, 5, 9][i % 5] + (i > 80 ? 10 : 0),
      );
      // Atom 0 duplicated: a zero-length edge is still an edge (0 < cutoff²).
      const positions = Float64Array.from([...base.positions, ...base.positions.slice(0, 3)]);
      const graphIndex = Int32Array.from([...base.graphIndex, base.graphIndex[0]]);
      const g = await expectGpuMatchesCpu(gpu, { positions, graphIndex }, 1.2);
      expect(g.edgeLengths).toContain(0);
      await expectGpuMatchesCpu(
        gpu,
        { positions: Float64Array.of(1, 2, 3), graphIndex: Int32Array.of(4) },
        2,
      );
      await expectGpuMatchesCpu(gpu, { positions: new Float64Array(0), graphIndex: new Int32Array(0) }, 2);
      await expectGpuMatchesCpu(gpu, base, 0);
    });
  });

  it('follows the documented rule at exactly the cutoff: d < cutoff is an edge, d = cutoff is not', async () => {
    await withDevice(async (gpu) => {
      // Lattices whose squared distances are exact in float32 and float64 alike.
      for (const [spacing, cutoff] of [
        [1, 2],
        [0.5, 1],
        [0.25, 0.5],
      ]) {
        const positions: number[] = [];
        for (let x = 0; x < 5; x++)
          for (let y = 0; y < 5; y++)
            for (let z = 0; z < 4; z++) positions.push(x * spacing, y * spacing, z * spacing - 1);
        const cloud = { positions: Float64Array.from(positions), graphIndex: new Int32Array(100) };
        const g = await expectGpuMatchesCpu(gpu, cloud, cutoff);
        const lengths = [...g.edgeLengths].map((d) => d / spacing);
        expect(Math.max(...lengths)).toBeCloseTo(Math.sqrt(3), 12);
        expect(lengths).not.toContain(2);
      }
    });
  });
});
