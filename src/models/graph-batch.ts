import type { Structure } from '../data/generators/types';
import { radiusGraphCpu } from '../data/graph/radius-graph-cpu';
import type { Gpu } from '../gpu/runtime';
import { radiusGraphGpuFromHost, readRadiusGraph } from '../kernels/radius-graph';
import * as ops from '../ops/index';
import { edgeVectors64 } from '../reference/edge-geometry';
import type { Context } from '../tensor/context';
import { SegmentIndex } from '../tensor/segment-index';
import { Tensor } from '../tensor/tensor';

/**
 * Several structures as one disjoint graph (CPU, float64): nodes concatenated, node → graph
 * index, radius-graph edges sorted by receiver (sender → receiver, vector pos[s] − pos[r]).
 */
export interface GraphBatch {
  readonly numGraphs: number;
  readonly numNodes: number;
  readonly species: Int32Array;
  readonly graphIndex: Uint32Array;
  readonly senders: Uint32Array;
  readonly receivers: Uint32Array;
  readonly edgeVectors: Float64Array;
  readonly edgeLengths: Float64Array;
  /** All nodes' positions, row-major [numNodes, 3]. */
  readonly positions: Float64Array;
}

/** The structures' atoms concatenated: positions, species, atom → structure. */
function concatStructures(structures: readonly Structure[]) {
  const numNodes = structures.reduce((s, x) => s + x.species.length, 0);
  const positions = new Float64Array(3 * numNodes);
  const species = new Int32Array(numNodes);
  const graphIndex = new Uint32Array(numNodes);
  let node = 0;
  structures.forEach((s, g) => {
    const n = s.species.length;
    if (s.positions.length !== 3 * n)
      throw new RangeError(`structure ${g}: ${s.positions.length} coordinates for ${n} atoms`);
    positions.set(s.positions, 3 * node);
    species.set(s.species, node);
    graphIndex.fill(g, node, node + n);
    node += n;
  });
  return { numNodes, positions, species, graphIndex };
}

/** Several structures as one disjoint graph, the radius graph built on the CPU (float64). */
export function batchStructures(structures: readonly Structure[], cutoff: number): GraphBatch {
  const atoms = concatStructures(structures);
  const graph = radiusGraphCpu(atoms.positions, atoms.graphIndex, cutoff);
  return {
    numGraphs: structures.length,
    ...atoms,
    senders: graph.senders,
    receivers: graph.receivers,
    edgeVectors: graph.edgeVectors,
    edgeLengths: graph.edgeLengths,
  };
}

/**
 * Batches of at least this many atoms get their radius graph from the GPU cell list
 * (`radiusGraphGpu`); smaller ones from the CPU, where one submit and readback cost more than the
 * search. Both give the same edges in the same order (src/kernels/radius-graph.test.ts).
 */
export const GPU_GRAPH_MIN_ATOMS = 2048;

/**
 * `batchStructures`, with the radius graph built on the GPU for large batches (10⁵-point clouds
 * would take the CPU search minutes). The edge list is read back: segment tables and edge
 * geometry are assembled on the CPU as for the CPU graph.
 */
export async function batchStructuresOn(
  gpu: Gpu,
  structures: readonly Structure[],
  cutoff: number,
  minAtomsForGpu = GPU_GRAPH_MIN_ATOMS,
): Promise<GraphBatch> {
  const atoms = concatStructures(structures);
  if (atoms.numNodes < minAtomsForGpu) return batchStructures(structures, cutoff);
  const device = await radiusGraphGpuFromHost(gpu, atoms.positions, atoms.graphIndex, cutoff);
  try {
    const graph = await readRadiusGraph(gpu, device);
    const { vectors, lengths } = edgeVectors64(atoms.positions, graph.senders, graph.receivers);
    return {
      numGraphs: structures.length,
      ...atoms,
      senders: graph.senders,
      receivers: graph.receivers,
      edgeVectors: vectors,
      edgeLengths: lengths,
    };
  } finally {
    device.destroy();
  }
}

/** Mean number of incoming edges per node over some batches (NequIP's avg_num_neighbors). */
export function averageNeighbours(batches: readonly GraphBatch[]): number {
  const edges = batches.reduce((s, b) => s + b.senders.length, 0);
  const nodes = batches.reduce((s, b) => s + b.numNodes, 0);
  return nodes > 0 ? edges / nodes : 0;
}

/** Edge vectors pos[sender] − pos[receiver] [E, 3] and their lengths [E, 1], on the tape. */
export interface EdgeGeometry {
  readonly vectors: Tensor;
  readonly lengths: Tensor;
}

/**
 * A GraphBatch on the GPU: index tables for gathers and segmented sums, the species one-hot and
 * the positions. Edge vectors are computed from the positions by differentiable ops
 * (`edgeGeometry`), so a model's energy has forces −∂E/∂positions through the tape. Owned by the
 * caller (`dispose()`); valid across steps.
 */
export class DeviceGraph {
  readonly senders: SegmentIndex;
  readonly receivers: SegmentIndex;
  /** Node → graph, for pooling over each structure's atoms. */
  readonly nodeGraph: SegmentIndex;
  readonly oneHot: Tensor;
  /** [numNodes, 3]; requires grad when forces are wanted. */
  readonly positions: Tensor;

  constructor(
    gpu: Gpu,
    readonly batch: GraphBatch,
    numSpecies: number,
    opts: { requiresGrad?: boolean } = {},
  ) {
    const { numNodes, numGraphs } = batch;
    this.senders = SegmentIndex.build(batch.senders, numNodes);
    this.receivers = SegmentIndex.build(batch.receivers, numNodes);
    this.nodeGraph = SegmentIndex.build(batch.graphIndex, numGraphs);
    const oneHot = new Float32Array(numNodes * numSpecies);
    batch.species.forEach((s, i) => {
      if (!(s >= 0 && s < numSpecies))
        throw new RangeError(`species ${s} of atom ${i} is not below ${numSpecies}`);
      oneHot[i * numSpecies + s] = 1;
    });
    this.oneHot = Tensor.from(gpu, oneHot, [numNodes, numSpecies], { label: 'species one-hot' });
    this.positions = Tensor.from(gpu, batch.positions, [numNodes, 3], {
      label: 'positions',
      requiresGrad: opts.requiresGrad ?? false,
    });
  }

  get numEdges(): number {
    return this.batch.senders.length;
  }

  /** pos[sender] − pos[receiver] and |·| for every edge, recorded on ctx's tape. */
  edgeGeometry(ctx: Context): EdgeGeometry {
    const vectors = ops.sub(
      ctx,
      ops.gatherRows(ctx, this.positions, this.senders),
      ops.gatherRows(ctx, this.positions, this.receivers),
    );
    return { vectors, lengths: ops.rowNorm(ctx, vectors) };
  }

  dispose(): void {
    for (const s of [this.senders, this.receivers, this.nodeGraph]) s.dispose();
    for (const t of [this.oneHot, this.positions]) t.dispose();
  }
}
