import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { Tensor } from '../tensor/tensor';
import { batchStructuresOn, DeviceGraph } from './graph-batch';
import {
  type BatchTargets,
  disposeTargets,
  type ModelTask,
  type PreparedBatch,
  uploadTargets,
} from './model';

/** What a message-passing model needs to know to upload a batch. */
export interface GraphBatchOptions {
  /** For messages: "nequip: sample 3 has no velocity…". */
  model: string;
  task: ModelTask;
  cutoff: number;
  numSpecies: number;
  /** Upload each atom's input velocity (n-body). */
  velocities: boolean;
  /** Forces task: energyShift × atoms is added to each structure's energy. */
  energyShift: number;
}

/**
 * A batch for the interaction-network models (nequip, facet): the graph with its positions,
 * species one-hot and segment tables, optional per-atom velocities, the per-structure energy
 * offset, and the samples' targets. Valid across steps until `dispose()`.
 */
export class GraphModelBatch implements PreparedBatch {
  readonly labels: Tensor | null;
  readonly vectors: Tensor | null;
  readonly energies: Tensor | null;
  readonly forces: Tensor | null;

  private constructor(
    readonly graph: DeviceGraph,
    targets: BatchTargets,
    /** Per-atom input velocities [N, 3] (1o is plain xyz here: D_1o(R) = R), or null. */
    readonly velocities: Tensor | null,
    /** energyShift × atoms of each structure [B, 1], or null when the shift is 0. */
    readonly energyOffset: Tensor | null,
  ) {
    ({ labels: this.labels, vectors: this.vectors, energies: this.energies, forces: this.forces } = targets);
  }

  static async prepare(gpu: Gpu, samples: readonly Sample[], o: GraphBatchOptions): Promise<GraphModelBatch> {
    const batch = await batchStructuresOn(
      gpu,
      samples.map((s) => s.structure),
      o.cutoff,
    );
    const velocities = o.velocities ? uploadVelocities(gpu, samples, batch.numNodes, o.model) : null;
    const energyOffset =
      o.task === 'forces' && o.energyShift !== 0
        ? Tensor.from(
            gpu,
            Float32Array.from(samples, (s) => o.energyShift * s.structure.species.length),
            [samples.length, 1],
            { label: 'energy shift' },
          )
        : null;
    const graph = new DeviceGraph(gpu, batch, o.numSpecies, { requiresGrad: o.task === 'forces' });
    return new GraphModelBatch(graph, uploadTargets(gpu, samples), velocities, energyOffset);
  }

  get size(): number {
    return this.graph.batch.numGraphs;
  }

  get numNodes(): number {
    return this.graph.batch.numNodes;
  }

  get positions(): Tensor {
    return this.graph.positions;
  }

  dispose(): void {
    this.graph.dispose();
    disposeTargets(this);
    this.velocities?.dispose();
    this.energyOffset?.dispose();
  }
}

function uploadVelocities(gpu: Gpu, samples: readonly Sample[], numNodes: number, model: string): Tensor {
  const v = new Float32Array(3 * numNodes);
  let at = 0;
  samples.forEach((s, i) => {
    const sv = s.velocities;
    if (!sv || sv.length !== s.structure.positions.length)
      throw new RangeError(`${model}: sample ${i} has no velocity per atom (config.velocities is on)`);
    v.set(sv, at);
    at += sv.length;
  });
  return Tensor.from(gpu, v, [numNodes, 3], { label: 'velocities' });
}
