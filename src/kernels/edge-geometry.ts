// Edge vectors and lengths from positions, and their backward to the positions: the path that
// forces F = −∂E/∂pos take through a model's edge features. Float64 twins:
// src/reference/edge-geometry.ts. Design: docs/kernels/radius-graph.md.
import edgeLengthBackwardSource from '../../shaders/graph/edge_length_backward.wgsl?raw';
import edgeVectorsSource from '../../shaders/graph/edge_vectors.wgsl?raw';
import edgeVectorsBackwardSource from '../../shaders/graph/edge_vectors_backward.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import type { RadiusGraphGpu } from './radius-graph';

export const EDGE_VECTORS: KernelSpec = { label: 'edge vectors', code: edgeVectorsSource, workgroupSize: 64 };
export const EDGE_LENGTH_BACKWARD: KernelSpec = {
  label: 'edge length backward',
  code: edgeLengthBackwardSource,
  workgroupSize: 64,
};
export const EDGE_VECTORS_BACKWARD: KernelSpec = {
  label: 'edge vectors backward',
  code: edgeVectorsBackwardSource,
  workgroupSize: 64,
};

const countParams = (count: number) => new Uint32Array([count, 0, 0, 0]);

/** vectors (3 per edge) ← pos[sender] − pos[receiver]; lengths (1 per edge) ← |vector|. */
export function encodeEdgeVectors(
  batch: Batch,
  numEdges: number,
  io: {
    positions: GPUBuffer;
    senders: GPUBuffer;
    receivers: GPUBuffer;
    vectors: GPUBuffer;
    lengths: GPUBuffer;
  },
): void {
  const uniform = batch.uniform('edge vectors params', countParams(numEdges));
  batch.dispatch(
    EDGE_VECTORS,
    [uniform, io.positions, io.senders, io.receivers, io.vectors, io.lengths],
    numEdges,
  );
}

/** gradVectors += gradLengths · vector / length, per edge (in place; zero-length edges add nothing). */
export function encodeEdgeLengthBackward(
  batch: Batch,
  numEdges: number,
  io: { vectors: GPUBuffer; lengths: GPUBuffer; gradLengths: GPUBuffer; gradVectors: GPUBuffer },
): void {
  const uniform = batch.uniform('edge length backward params', countParams(numEdges));
  batch.dispatch(
    EDGE_LENGTH_BACKWARD,
    [uniform, io.vectors, io.lengths, io.gradLengths, io.gradVectors],
    numEdges,
  );
}

/**
 * How a node finds its edges: edges sorted by receiver (receiverOffsets, numNodes + 1) and an
 * index by sender (senderOrder: edge ids grouped by sender, ascending within one; senderOffsets).
 * For any edge list, GroupByKey over the senders builds the sender index; a radius graph has it
 * already (edgeIndexOfRadiusGraph).
 */
export interface EdgeIndex {
  senderOrder: GPUBuffer;
  senderOffsets: GPUBuffer;
  receiverOffsets: GPUBuffer;
}

/** A symmetric radius graph's sender index is its reverse-edge map over the receiver offsets. */
export function edgeIndexOfRadiusGraph(graph: RadiusGraphGpu): EdgeIndex {
  return {
    senderOrder: graph.reverseEdges,
    senderOffsets: graph.receiverOffsets,
    receiverOffsets: graph.receiverOffsets,
  };
}

/** gradPositions (3 per node) ← Σ_{sent} g_e − Σ_{received} g_e, overwritten; deterministic. */
export function encodeEdgeVectorsBackward(
  batch: Batch,
  numNodes: number,
  index: EdgeIndex,
  gradVectors: GPUBuffer,
  gradPositions: GPUBuffer,
): void {
  const uniform = batch.uniform('edge vectors backward params', countParams(numNodes));
  batch.dispatch(
    EDGE_VECTORS_BACKWARD,
    [uniform, gradVectors, index.senderOrder, index.senderOffsets, index.receiverOffsets, gradPositions],
    numNodes,
  );
}
