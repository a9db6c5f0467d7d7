// Radius graph (neighbour list) on the GPU with a hashed cell list; the float64 oracle is
// src/data/graph/radius-graph-cpu.ts and docs/kernels/radius-graph.md has the design.
import { checkRadiusGraphInputs, type RadiusGraph } from '../data/graph/radius-graph-cpu';
import type { Gpu } from '../gpu/runtime';
import { encodeSegmentSort, GroupByKey } from './group-by-key';
import {
  encodeCellAssign,
  encodeCellGather,
  encodeNeighbourSearch,
  encodeReverseEdges,
  hashTableSize,
} from './radius-graph-passes';
import { ExclusiveScan } from './scan';

/** The graph on the GPU; every buffer holds u32. The caller owns it: call destroy(). */
export interface RadiusGraphGpu {
  readonly numNodes: number;
  readonly numEdges: number;
  /** numEdges: edges sorted by (receiver, sender). */
  readonly senders: GPUBuffer;
  readonly receivers: GPUBuffer;
  /** numNodes + 1: the CSR over receivers (receiver i owns edges offsets[i] .. offsets[i+1]). */
  readonly receiverOffsets: GPUBuffer;
  /**
   * numEdges: reverseEdges[e] is the id of the edge receiver_e → sender_e. The graph is
   * symmetric, so this is also the index by sender: the edges that s sends, ascending, are
   * reverseEdges[receiverOffsets[s] .. receiverOffsets[s+1]) (the `order` and `offsets` that
   * SegmentIndex.build(senders) would give).
   */
  readonly reverseEdges: GPUBuffer;
  destroy(): void;
}

/**
 * Builds the radius graph of `numNodes` atoms: positions f32 (x, y, z per atom), graphIndex u32
 * (the structure of each atom). Same edges in the same order as radiusGraphCpu; the pair test
 * is |pos_s − pos_r|² < fround(cutoff²) in float32.
 *
 * Two submits with one 4-byte readback between them: the first buckets the atoms and counts
 * every atom's neighbours, then the edge total is read back to size the edge buffers exactly;
 * the second writes, sorts and indexes the edges.
 */
export async function radiusGraphGpu(
  gpu: Gpu,
  positions: GPUBuffer,
  graphIndex: GPUBuffer,
  numNodes: number,
  cutoff: number,
): Promise<RadiusGraphGpu> {
  if (!(Number.isFinite(cutoff) && cutoff >= 0)) throw new RangeError(`cutoff must be ≥ 0, got ${cutoff}`);
  const n = numNodes;
  // Scratch lives until this call returns; outputs pass to the caller unless something fails.
  const scratch: { destroy(): void }[] = [];
  const outputs: GPUBuffer[] = [];
  const temp = (label: string, bytes: number) => {
    const buffer = gpu.storage(`radius graph ${label}`, bytes);
    scratch.push({ destroy: () => gpu.destroyBuffer(buffer) });
    return buffer;
  };
  const output = (label: string, bytes: number) => {
    const buffer = gpu.storage(`radius graph ${label}`, bytes);
    outputs.push(buffer);
    return buffer;
  };
  try {
    const cells = temp('cells', 16 * n);
    const buckets = temp('buckets', 4 * n);
    const search = {
      sortedPoints: temp('sorted points', 16 * n),
      sortedCells: temp('sorted cells', 16 * n),
      bucketAtoms: temp('bucket atoms', 4 * n),
      bucketOffsets: temp('bucket offsets', 4 * (hashTableSize(n) + 1)),
    };
    const counts = temp('neighbour counts', 4 * n);
    const placeholder = temp('no senders', 4);
    const byBucket = new GroupByKey(gpu, n, hashTableSize(n));
    scratch.push(byBucket);
    const scan = new ExclusiveScan(gpu, n);
    scratch.push(scan);
    const receiverOffsets = output('receiver offsets', 4 * (n + 1));

    const first = gpu.batch();
    encodeCellAssign(first, n, cutoff, { positions, graphIndex, cells, buckets });
    byBucket.encode(first, buckets, { order: search.bucketAtoms, offsets: search.bucketOffsets });
    encodeCellGather(first, n, { positions, cells, ...search });
    encodeNeighbourSearch(first, 'count', n, cutoff, search, counts, placeholder);
    scan.encode(first, counts, receiverOffsets);
    await first.submit();
    const numEdges = new Uint32Array(await gpu.read(receiverOffsets, 4, 4 * n))[0];

    const senders = output('senders', 4 * numEdges);
    const receivers = output('receivers', 4 * numEdges);
    const reverseEdges = output('reverse edges', 4 * numEdges);
    const second = gpu.batch();
    encodeNeighbourSearch(second, 'write', n, cutoff, search, receiverOffsets, senders);
    // Each list holds ≤ 27 ascending runs (one per cell); sorting leaves receiver ids in `receivers`.
    encodeSegmentSort(second, receiverOffsets, senders, receivers, n);
    encodeReverseEdges(second, numEdges, { senders, receivers, receiverOffsets, reverse: reverseEdges });
    await second.submit();
    const owned = [...outputs];
    return {
      numNodes: n,
      numEdges,
      senders,
      receivers,
      receiverOffsets,
      reverseEdges,
      destroy: () => {
        for (const b of owned) gpu.destroyBuffer(b);
      },
    };
  } catch (error) {
    for (const b of outputs) gpu.destroyBuffer(b);
    throw error;
  } finally {
    // Destroying after submit is safe: WebGPU frees the memory once the queued work is done.
    for (const r of scratch) r.destroy();
  }
}

/** Uploads host arrays (positions rounded to float32; graphIndex omitted = one structure) and builds the graph. */
export async function radiusGraphGpuFromHost(
  gpu: Gpu,
  positions: ArrayLike<number>,
  graphIndex: ArrayLike<number> | undefined,
  cutoff: number,
): Promise<RadiusGraphGpu> {
  const n = checkRadiusGraphInputs(positions, graphIndex, cutoff);
  const pos = gpu.storage('radius graph positions', Float32Array.from(positions));
  const graph = gpu.storage('radius graph structures', graphIndex ? Uint32Array.from(graphIndex) : 4 * n);
  try {
    return await radiusGraphGpu(gpu, pos, graph, n, cutoff);
  } finally {
    gpu.destroyBuffer(pos);
    gpu.destroyBuffer(graph);
  }
}

/** Reads a GPU graph back (tests, the UI's graph view): one asynchronous readback per array. */
export async function readRadiusGraph(
  gpu: Gpu,
  g: RadiusGraphGpu,
): Promise<RadiusGraph & { reverseEdges: Uint32Array }> {
  const u32 = async (b: GPUBuffer, count: number) =>
    count === 0 ? new Uint32Array(0) : new Uint32Array(await gpu.read(b, 4 * count));
  return {
    numNodes: g.numNodes,
    senders: await u32(g.senders, g.numEdges),
    receivers: await u32(g.receivers, g.numEdges),
    receiverOffsets: await u32(g.receiverOffsets, g.numNodes + 1),
    reverseEdges: await u32(g.reverseEdges, g.numEdges),
  };
}
