// The dispatches of the GPU radius graph (orchestrated by src/kernels/radius-graph.ts), one
// encode function per WGSL file in shaders/graph/.
import cellAssignSource from '../../shaders/graph/cell_assign.wgsl?raw';
import cellGatherSource from '../../shaders/graph/cell_gather.wgsl?raw';
import cellHashSource from '../../shaders/graph/cell_hash.wgsl?raw';
import neighboursSource from '../../shaders/graph/neighbours.wgsl?raw';
import reverseEdgesSource from '../../shaders/graph/reverse_edges.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';

// cell_hash.wgsl holds helpers only; WGSL has no includes, so it is prepended where needed.
export const CELL_ASSIGN: KernelSpec = {
  label: 'radius graph cells',
  code: `${cellHashSource}\n${cellAssignSource}`,
  workgroupSize: 64,
};
export const CELL_GATHER: KernelSpec = {
  label: 'radius graph gather',
  code: cellGatherSource,
  workgroupSize: 64,
};
export const NEIGHBOURS: KernelSpec = {
  label: 'radius graph neighbours',
  code: `${cellHashSource}\n${neighboursSource}`,
  workgroupSize: 64,
};
export const REVERSE_EDGES: KernelSpec = {
  label: 'reverse edges',
  code: reverseEdgesSource,
  workgroupSize: 64,
};

/**
 * Cells are a little larger than the cutoff so that float32 rounding of pos / cell_size can
 * never put two atoms closer than the cutoff two cells apart (safe while |pos| / cutoff ≲ 2¹⁵).
 */
export const CELL_SIZE_MARGIN = 1 + 1 / 256;

/** Hash-table size for n atoms: a power of two ≥ n, so at most about one atom per bucket. */
export const hashTableSize = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 16)));

/** 16-byte uniform { u32, u32, f32, u32 }, the layout shared by the cell and search kernels. */
function params(a: number, b: number, f: number, c = 0): ArrayBuffer {
  const bytes = new ArrayBuffer(16);
  new Uint32Array(bytes, 0, 2).set([a, b]);
  new Float32Array(bytes, 8, 1)[0] = f;
  new Uint32Array(bytes, 12, 1)[0] = c;
  return bytes;
}

/** cells[i] ← (cell of atom i, structure), buckets[i] ← its hash bucket. */
export function encodeCellAssign(
  batch: Batch,
  n: number,
  cutoff: number,
  io: { positions: GPUBuffer; graphIndex: GPUBuffer; cells: GPUBuffer; buckets: GPUBuffer },
): void {
  // Any cell size works for cutoff 0 (no pair qualifies); 1 avoids dividing by zero.
  const cellSize = cutoff > 0 ? cutoff * CELL_SIZE_MARGIN : 1;
  const uniform = batch.uniform('cell assign params', params(n, hashTableSize(n) - 1, 1 / cellSize));
  batch.dispatch(CELL_ASSIGN, [uniform, io.positions, io.graphIndex, io.cells, io.buckets], n);
}

/** Positions and cells copied into bucket order (bucketAtoms from the grouping by bucket). */
export function encodeCellGather(
  batch: Batch,
  n: number,
  io: {
    positions: GPUBuffer;
    cells: GPUBuffer;
    bucketAtoms: GPUBuffer;
    sortedPoints: GPUBuffer;
    sortedCells: GPUBuffer;
  },
): void {
  const uniform = batch.uniform('cell gather params', new Uint32Array([n, 0, 0, 0]));
  batch.dispatch(
    CELL_GATHER,
    [uniform, io.positions, io.cells, io.bucketAtoms, io.sortedPoints, io.sortedCells],
    n,
  );
}

export interface NeighbourSearchInputs {
  sortedPoints: GPUBuffer;
  sortedCells: GPUBuffer;
  bucketAtoms: GPUBuffer;
  bucketOffsets: GPUBuffer;
}

/**
 * Count pass: target = counts (n), senders = any small placeholder. Write pass: target = the
 * receiver offsets (n + 1), senders = the edge senders (each receiver's list unsorted).
 */
export function encodeNeighbourSearch(
  batch: Batch,
  pass: 'count' | 'write',
  n: number,
  cutoff: number,
  inputs: NeighbourSearchInputs,
  target: GPUBuffer,
  senders: GPUBuffer,
): void {
  const writePass = pass === 'write' ? 1 : 0;
  const uniform = batch.uniform(
    `neighbour ${pass} params`,
    params(n, hashTableSize(n) - 1, cutoff * cutoff, writePass),
  );
  const { sortedPoints, sortedCells, bucketAtoms, bucketOffsets } = inputs;
  batch.dispatch(
    NEIGHBOURS,
    [uniform, sortedPoints, sortedCells, bucketAtoms, bucketOffsets, target, senders],
    n,
  );
}

/** reverse[e] ← id of the edge receiver_e → sender_e (edges sorted by receiver, then sender). */
export function encodeReverseEdges(
  batch: Batch,
  numEdges: number,
  io: { senders: GPUBuffer; receivers: GPUBuffer; receiverOffsets: GPUBuffer; reverse: GPUBuffer },
): void {
  const uniform = batch.uniform('reverse edges params', new Uint32Array([numEdges, 0, 0, 0]));
  batch.dispatch(
    REVERSE_EDGES,
    [uniform, io.senders, io.receivers, io.receiverOffsets, io.reverse],
    numEdges,
  );
}
