import { edgeVectors64 } from '../../reference/edge-geometry';

/**
 * Radius graph (neighbour list) of a batch of structures, brute force in float64: the oracle for
 * the GPU cell-list kernel (src/kernels/radius-graph.ts) and the CPU fallback for small inputs.
 *
 * Conventions (e3nn / NequIP, docs/kernels/radius-graph.md):
 * - an edge sender → receiver joins two distinct atoms of the same structure with
 *   |r_sender − r_receiver|² < cutoff² (strict: a pair exactly at the cutoff is not an edge);
 * - no self loops; the graph is symmetric (both directions of every pair are edges);
 * - edges are sorted by (receiver, sender), so receiverOffsets is the CSR over receivers;
 * - edge vector = pos[sender] − pos[receiver] (e3nn's edge_vec = pos[edge_src] − pos[edge_dst]),
 *   so messages flow from sender to receiver and sums over a receiver's segment aggregate them.
 */
export interface RadiusGraph {
  numNodes: number;
  senders: Uint32Array;
  receivers: Uint32Array;
  /** numNodes + 1 entries: receiver i's edges are receiverOffsets[i] .. receiverOffsets[i+1]. */
  receiverOffsets: Uint32Array;
}

export interface RadiusGraphWithGeometry extends RadiusGraph {
  /** 3 per edge: pos[sender] − pos[receiver]. */
  edgeVectors: Float64Array;
  edgeLengths: Float64Array;
}

/** Checks the inputs shared by the CPU and GPU graph builders; returns the atom count. */
export function checkRadiusGraphInputs(
  positions: ArrayLike<number>,
  graphIndex: ArrayLike<number> | undefined,
  cutoff: number,
): number {
  if (positions.length % 3 !== 0) throw new RangeError(`positions length ${positions.length} is not 3·n`);
  const n = positions.length / 3;
  if (!(Number.isFinite(cutoff) && cutoff >= 0)) throw new RangeError(`cutoff must be ≥ 0, got ${cutoff}`);
  for (let k = 0; k < positions.length; k++) {
    if (!Number.isFinite(positions[k])) throw new RangeError(`position ${Math.floor(k / 3)} is not finite`);
  }
  if (graphIndex) {
    if (graphIndex.length !== n)
      throw new RangeError(`graphIndex has ${graphIndex.length} entries for ${n} atoms`);
    for (let i = 0; i < n; i++) {
      const g = graphIndex[i];
      if (!Number.isInteger(g) || g < 0 || g > 0x7fffffff)
        throw new RangeError(`graphIndex[${i}] = ${g} is not a structure id ≥ 0`);
    }
  }
  return n;
}

/**
 * All pairs within `cutoff` inside each structure (graphIndex[i] names atom i's structure; all
 * atoms share structure 0 when it is omitted). O(Σ n_g²) distance tests.
 */
export function radiusGraphCpu(
  positions: ArrayLike<number>,
  graphIndex: ArrayLike<number> | undefined,
  cutoff: number,
): RadiusGraphWithGeometry {
  const n = checkRadiusGraphInputs(positions, graphIndex, cutoff);
  const members = structureMembers(n, graphIndex);
  const cutoffSq = cutoff * cutoff;
  const senders: number[] = [];
  const receiverOffsets = new Uint32Array(n + 1);
  for (let r = 0; r < n; r++) {
    receiverOffsets[r] = senders.length;
    const rx = positions[3 * r];
    const ry = positions[3 * r + 1];
    const rz = positions[3 * r + 2];
    for (const s of members(r)) {
      if (s === r) continue;
      const dx = positions[3 * s] - rx;
      const dy = positions[3 * s + 1] - ry;
      const dz = positions[3 * s + 2] - rz;
      if (dx * dx + dy * dy + dz * dz < cutoffSq) senders.push(s);
    }
  }
  receiverOffsets[n] = senders.length;
  const graph: RadiusGraph = {
    numNodes: n,
    senders: Uint32Array.from(senders),
    receivers: receiversFromOffsets(receiverOffsets),
    receiverOffsets,
  };
  const { vectors, lengths } = edgeVectors64(positions, graph.senders, graph.receivers);
  return { ...graph, edgeVectors: vectors, edgeLengths: lengths };
}

/** Expands CSR offsets into the row id of every entry (the receiver of every edge). */
export function receiversFromOffsets(offsets: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(offsets[offsets.length - 1]);
  for (let i = 0; i + 1 < offsets.length; i++) out.fill(i, offsets[i], offsets[i + 1]);
  return out;
}

/** atom → the atoms of its structure in ascending order (so senders come out sorted). */
function structureMembers(n: number, graphIndex: ArrayLike<number> | undefined): (atom: number) => number[] {
  const byStructure = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = graphIndex ? graphIndex[i] : 0;
    let list = byStructure.get(g);
    if (!list) byStructure.set(g, (list = []));
    list.push(i);
  }
  return (atom) => byStructure.get(graphIndex ? graphIndex[atom] : 0) ?? [];
}
