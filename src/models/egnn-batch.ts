import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { BlockLayout } from '../tensor/block-layout';
import { SegmentIndex } from '../tensor/segment-index';
import { Tensor } from '../tensor/tensor';
import type { EgclGraph } from './egnn-layer';
import { batchStructures } from './graph-batch';
import { disposeTargets, type PreparedBatch, uploadPositions, uploadTargets } from './model';

/** How a batch's graph is built and what its nodes carry. */
export interface EgnnBatchOptions {
  numSpecies: number;
  /** 'full': every ordered pair of distinct atoms of a structure; 'radius': pairs closer than `cutoff`. */
  edges: 'full' | 'radius';
  cutoff: number;
  /** Read `Sample.velocities` (n-body): ‖v‖ joins the node inputs, v the coordinate update. */
  velocity: boolean;
  /** 'mean': coordinate sums divided by each node's degree; 'sum': not. */
  aggregation: 'mean' | 'sum';
  /** Positions as a leaf that requires grad (forces = −∂E/∂positions). */
  positionsRequireGrad: boolean;
  /** Per-atom energy shift: each structure's energy gets shift × atoms (0: none). */
  energyShift: number;
}

/** Every ordered pair (sender j → receiver i ≠ j) within each structure, sorted by (receiver, sender). */
export function fullGraphEdges(sizes: readonly number[]): { senders: Uint32Array; receivers: Uint32Array } {
  const count = sizes.reduce((s, n) => s + n * (n - 1), 0);
  const senders = new Uint32Array(count);
  const receivers = new Uint32Array(count);
  let e = 0;
  let offset = 0;
  for (const n of sizes) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        receivers[e] = offset + i;
        senders[e] = offset + j;
        e++;
      }
    }
    offset += n;
  }
  return { senders, receivers };
}

/** Samples uploaded for EGNN: positions, node inputs, graph tables and targets. */
export class EgnnBatch implements PreparedBatch, EgclGraph {
  readonly size: number;
  readonly numNodes: number;
  readonly positions: Tensor;
  readonly labels: Tensor | null;
  readonly vectors: Tensor | null;
  readonly energies: Tensor | null;
  readonly forces: Tensor | null;
  readonly senders: SegmentIndex;
  readonly receivers: SegmentIndex;
  /** Node → structure, for sums over each structure's atoms. */
  readonly nodeGraph: SegmentIndex;
  /** [N, numSpecies (+1)]: species one-hot (and ‖v‖). */
  readonly nodeInputs: Tensor;
  /** [N, 3] input velocities, or null. */
  readonly velocities: Tensor | null;
  readonly edgeAttributes: Tensor;
  readonly coordinateScale: Tensor | null;
  /** [B, 1]: energyShift × atoms of each structure, or null when the shift is 0. */
  readonly energyOffsets: Tensor | null;
  readonly vectorLayout = new BlockLayout([{ mul: 1, dim: 3 }]);

  constructor(gpu: Gpu, samples: readonly Sample[], o: EgnnBatchOptions) {
    if (samples.length === 0) throw new RangeError('egnn: empty batch');
    const structures = samples.map((s) => s.structure);
    const sizes = structures.map((s) => s.species.length);
    const graph = batchStructures(structures, o.edges === 'radius' ? o.cutoff : 0);
    const { senders, receivers } = o.edges === 'full' ? fullGraphEdges(sizes) : graph;
    const n = graph.numNodes;
    if (senders.length === 0)
      throw new RangeError('egnn: the batch has no edges (single atoms, or cutoff too small)');
    this.size = samples.length;
    this.numNodes = n;
    this.senders = SegmentIndex.build(senders, n);
    this.receivers = SegmentIndex.build(receivers, n);
    this.nodeGraph = SegmentIndex.build(graph.graphIndex, samples.length);

    const charges = new Float64Array(n).fill(1);
    const speeds = new Float64Array(n);
    const velocities = new Float64Array(3 * n);
    let at = 0;
    samples.forEach((s, b) => {
      const count = sizes[b];
      if (s.structure.charges) {
        if (s.structure.charges.length !== count)
          throw new RangeError(
            `egnn: sample ${b} has ${s.structure.charges.length} charges for ${count} atoms`,
          );
        charges.set(s.structure.charges, at);
      }
      if (o.velocity) {
        const v = s.velocities;
        if (!v || v.length !== 3 * count)
          throw new RangeError(`egnn: sample ${b} needs ${count}×3 velocities`);
        velocities.set(v, 3 * at);
        for (let i = 0; i < count; i++) speeds[at + i] = Math.hypot(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
      }
      at += count;
    });

    const width = o.numSpecies + (o.velocity ? 1 : 0);
    const inputs = new Float32Array(n * width);
    graph.species.forEach((z, i) => {
      if (!(z >= 0 && z < o.numSpecies))
        throw new RangeError(`species ${z} of atom ${i} is not below ${o.numSpecies}`);
      inputs[i * width + z] = 1;
      if (o.velocity) inputs[i * width + o.numSpecies] = speeds[i];
    });
    const degree = new Float64Array(n);
    for (const r of receivers) degree[r]++;

    this.positions = uploadPositions(gpu, samples, o.positionsRequireGrad);
    this.nodeInputs = Tensor.from(gpu, inputs, [n, width], { label: 'egnn node inputs' });
    this.velocities = o.velocity ? Tensor.from(gpu, velocities, [n, 3], { label: 'velocities' }) : null;
    this.edgeAttributes = Tensor.from(
      gpu,
      Float64Array.from(senders, (j, e) => charges[j] * charges[receivers[e]]),
      [senders.length, 1],
      { label: 'charge products' },
    );
    this.coordinateScale =
      o.aggregation === 'mean'
        ? Tensor.from(
            gpu,
            degree.map((d) => (d > 0 ? 1 / d : 0)),
            [n, 1],
            { label: '1/degree' },
          )
        : null;
    this.energyOffsets =
      o.energyShift !== 0
        ? Tensor.from(
            gpu,
            sizes.map((count) => o.energyShift * count),
            [samples.length, 1],
            { label: 'energy offsets' },
          )
        : null;
    const targets = uploadTargets(gpu, samples);
    this.labels = targets.labels;
    this.vectors = targets.vectors;
    this.energies = targets.energies;
    this.forces = targets.forces;
  }

  get numEdges(): number {
    return this.senders.length;
  }

  dispose(): void {
    for (const s of [this.senders, this.receivers, this.nodeGraph]) s.dispose();
    for (const t of [
      this.positions,
      this.nodeInputs,
      this.velocities,
      this.edgeAttributes,
      this.coordinateScale,
    ])
      t?.dispose();
    this.vectorLayout.dispose();
    disposeTargets(this);
  }
}
