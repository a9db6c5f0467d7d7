import { describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { edgeVectors64, edgeVectorsBackward64 } from '../reference/edge-geometry';
import { exclusiveScan } from '../reference/scan';
import { relativeError } from '../test/compare';
import { poisoned, withDevice } from '../test/gpu-harness';
import { cloudAwayFromCutoff, uniformDraw } from '../test/graph-fixtures';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import {
  type EdgeIndex,
  edgeIndexOfRadiusGraph,
  encodeEdgeLengthBackward,
  encodeEdgeVectors,
  encodeEdgeVectorsBackward,
} from './edge-geometry';
import { GroupByKey } from './group-by-key';
import { radiusGraphGpuFromHost, readRadiusGraph } from './radius-graph';

interface EdgeCase {
  positions: Float32Array;
  senders: Uint32Array;
  receivers: Uint32Array;
}

/** Forward and backward on the GPU, with random upstream gradients; returns what the twin needs too. */
async function runOnGpu(gpu: Gpu, c: EdgeCase, index: EdgeIndex, rng: Rng) {
  const m = c.senders.length;
  const n = c.positions.length / 3;
  const gradVectors = Float32Array.from(rng.normals(3 * m));
  const gradLengths = Float32Array.from(rng.normals(m));
  const vectors = poisoned(gpu, 'vectors', 3 * m);
  const lengths = poisoned(gpu, 'lengths', m);
  const gradVectorsBuffer = gpu.storage('grad vectors', gradVectors);
  const gradPositions = poisoned(gpu, 'grad positions', 3 * n);
  const batch = gpu.batch();
  const io = { positions: gpu.storage('positions', c.positions), senders: gpu.storage('s', c.senders) };
  encodeEdgeVectors(batch, m, { ...io, receivers: gpu.storage('r', c.receivers), vectors, lengths });
  const gl = gpu.storage('grad lengths', gradLengths);
  encodeEdgeLengthBackward(batch, m, { vectors, lengths, gradLengths: gl, gradVectors: gradVectorsBuffer });
  encodeEdgeVectorsBackward(batch, n, index, gradVectorsBuffer, gradPositions);
  await batch.submit();
  return {
    vectors: await gpu.readF32(vectors, 3 * m),
    lengths: await gpu.readF32(lengths, m),
    gradPositions: await gpu.readF32(gradPositions, 3 * n),
    gradVectors,
    gradLengths,
  };
}

function expectMatchesTwin(c: EdgeCase, got: Awaited<ReturnType<typeof runOnGpu>>) {
  const want = edgeVectors64(c.positions, c.senders, c.receivers);
  expect(relativeError(want.vectors, got.vectors)).toBeLessThan(TOL.f32Elementwise);
  expect(relativeError(want.lengths, got.lengths)).toBeLessThan(TOL.f32Elementwise);
  const wantGrad = edgeVectorsBackward64(c.positions.length / 3, c.senders, c.receivers, got.gradVectors, {
    gradLengths: got.gradLengths,
    ...want,
  });
  expect(relativeError(wantGrad, got.gradPositions)).toBeLessThan(TOL.f32Reduction);
}

describe('edge geometry on the GPU vs its float64 twin', () => {
  it('on a radius graph, using its reverse-edge map as the sender index; bitwise reproducible', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(61);
      const cloud = cloudAwayFromCutoff(700, 1.4, uniformDraw(rng, 7, 3));
      const positions = Float32Array.from(cloud.positions);
      const graph = await radiusGraphGpuFromHost(gpu, positions, undefined, 1.4);
      const { senders, receivers } = await readRadiusGraph(gpu, graph);
      const c = { positions, senders, receivers };
      const first = await runOnGpu(gpu, c, edgeIndexOfRadiusGraph(graph), new Rng(8));
      expectMatchesTwin(c, first);
      const again = await runOnGpu(gpu, c, edgeIndexOfRadiusGraph(graph), new Rng(8));
      expect(again.gradPositions).toEqual(first.gradPositions);
      graph.destroy();
    });
  });

  it('on an arbitrary directed edge list (repeats, isolated nodes) with a GPU-built sender index', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(62);
      const n = 300;
      const m = 2000;
      const pairs = Array.from({ length: m }, () => [rng.int(n - 20), rng.int(n - 20)]).sort(
        (a, b) => a[1] - b[1] || a[0] - b[0],
      );
      const c = {
        positions: Float32Array.from(rng.normals(3 * n)),
        senders: Uint32Array.from(pairs, (p) => p[0]),
        receivers: Uint32Array.from(pairs, (p) => p[1]),
      };
      const counts = new Uint32Array(n);
      for (const r of c.receivers) counts[r]++;
      const bySender = new GroupByKey(gpu, m, n);
      const index = {
        senderOrder: gpu.storage('sender order', 4 * m),
        senderOffsets: gpu.storage('sender offsets', 4 * (n + 1)),
        receiverOffsets: gpu.storage('receiver offsets', exclusiveScan(counts)),
      };
      const batch = gpu.batch();
      bySender.encode(batch, gpu.storage('senders', c.senders), {
        order: index.senderOrder,
        offsets: index.senderOffsets,
      });
      await batch.submit();
      expectMatchesTwin(c, await runOnGpu(gpu, c, index, rng));
      bySender.destroy();
    });
  });
});

describe('edge geometry twin', () => {
  it('backward equals central finite differences of Σ a·vec + Σ b·len', () => {
    const rng = new Rng(63);
    const n = 12;
    const senders = Uint32Array.from({ length: 40 }, () => rng.int(n));
    const receivers = Uint32Array.from(senders, (s) => (s + 1 + rng.int(n - 1)) % n);
    const a = rng.normals(3 * senders.length);
    const b = rng.normals(senders.length);
    const loss = (pos: Float64Array) => {
      const { vectors, lengths } = edgeVectors64(pos, senders, receivers);
      return vectors.reduce((s, v, k) => s + a[k] * v, 0) + lengths.reduce((s, l, e) => s + b[e] * l, 0);
    };
    const pos = rng.normals(3 * n);
    const analytic = edgeVectorsBackward64(n, senders, receivers, a, {
      gradLengths: b,
      ...edgeVectors64(pos, senders, receivers),
    });
    const h = 1e-5;
    const numeric = pos.map((_, k) => {
      const plus = pos.slice();
      const minus = pos.slice();
      plus[k] += h;
      minus[k] -= h;
      return (loss(plus) - loss(minus)) / (2 * h);
    });
    expect(relativeError(numeric, analytic)).toBeLessThan(TOL.finiteDifferenceF64);
  });
});
