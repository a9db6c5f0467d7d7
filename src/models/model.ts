import type { Sample, TaskKind } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { ParameterSnapshot } from '../nn/parameters';
import type { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';

/** The model families `createModel` knows (docs/models.md). */
export type ModelKind = 'nequip' | 'mlp' | 'egnn' | 'facet';
export const MODEL_KINDS: readonly ModelKind[] = ['nequip', 'mlp', 'egnn', 'facet'];

/** A model's config and weights as plain data: JSON-able once the Float32Arrays are listed. */
export interface ModelSnapshot<C = unknown> {
  readonly kind: ModelKind;
  readonly config: C;
  readonly parameters: ParameterSnapshot;
}

/**
 * What a model predicts (the data set's task):
 * - 'classification': logits [B, numClasses] per structure;
 * - 'regression': a vector per atom [N, 3] (n-body: positions 1000 steps ahead);
 * - 'forces': an energy per structure [B, 1]; forces are −∂E/∂positions through the tape.
 */
export type ModelTask = TaskKind;
export const MODEL_TASKS: readonly ModelTask[] = ['classification', 'regression', 'forces'];

/**
 * Samples uploaded in the form a model reads (graphs, flattened coordinates…), plus the targets
 * the samples have. Valid across steps until `dispose()`.
 */
export interface PreparedBatch extends BatchTargets {
  /** Structures in the batch. */
  readonly size: number;
  /** Atoms of all structures together. */
  readonly numNodes: number;
  /**
   * The input positions [numNodes, 3] as the model reads them; requiresGrad for task 'forces'
   * (after `backward(ΣE)`, forces = −positions.grad).
   */
  readonly positions: Tensor;
  dispose(): void;
}

/** The targets of a batch's samples on the GPU; null where some sample lacks them. */
export interface BatchTargets {
  /** u32 [size]: class labels. */
  readonly labels: Tensor | null;
  /** [numNodes, 3]: per-atom vector targets (n-body future positions). */
  readonly vectors: Tensor | null;
  /** [size, 1]: energies. */
  readonly energies: Tensor | null;
  /** [numNodes, 3]: forces −∇E. */
  readonly forces: Tensor | null;
}

/**
 * One layer's per-atom features, for the equivariance probe: rows transform by the irreps' Wigner
 * matrices under a rotation (and by parity under a reflection).
 */
export interface LayerTrace {
  name: string;
  /** e3nn irreps string of the columns, e.g. "32x0e" or "1x1o". */
  irreps: string;
  /** [N, dim], one row per atom. */
  tensor: Tensor;
  /** Absolute positions: a translation t of the input shifts every row by t too. */
  positions?: true;
}

/** The config fields every model shares: what it predicts and how its heads are scaled. */
export interface TaskConfig {
  task: ModelTask;
  numSpecies: number;
  /** Classes of the classification head (other tasks ignore it). */
  numClasses: number;
  /** Regression: read each atom's input velocity (n-body). */
  velocities: boolean;
  /** Forces: E = energyScale·Σ_atoms e_i + energyShift·atoms (NequIP's per-atom scale and shift). */
  energyScale: number;
  energyShift: number;
}

/** A model of structures: samples in, the task's prediction out (see ModelTask). */
export interface Model<C = unknown, P extends PreparedBatch = PreparedBatch> {
  readonly kind: ModelKind;
  readonly config: C;
  readonly task: ModelTask;
  /** Short, stable name for logs, checkpoints and tables (e.g. "nequip-cg-c8-l2-x3"). */
  readonly name: string;
  /** Columns of the output: classes, 3 (regression) or 1 (energy). */
  readonly numClasses: number;
  /** Trainable tensors in a fixed order (the optimizer's and the checkpoint's order). */
  readonly parameters: readonly Tensor[];
  readonly parameterNames: readonly string[];
  /**
   * Uploads the samples (async: large batches build their radius graph on the GPU and read it
   * back, see graph-batch.ts).
   */
  prepare(samples: readonly Sample[]): Promise<P>;
  /** Records the forward pass: logits [B, K], vectors [N, 3] or energies [B, 1] (see ModelTask). */
  forward(ctx: Context, batch: P): Tensor;
  save(): Promise<ModelSnapshot<C>>;
  /** Overwrites the weights (same config) from a snapshot. */
  load(snapshot: ModelSnapshot<C>): void;
  /** Optional: per-layer features for the equivariance probe (recorded like `forward`). */
  trace?(ctx: Context, batch: P): LayerTrace[];
  /**
   * Optional, task 'forces': per-atom energies [numNodes, 1] whose per-structure sums are the
   * energies `forward` returns (inference shows them as atom colours).
   */
  atomEnergies?(ctx: Context, batch: P): Tensor;
  dispose(): void;
}

/** Labels of samples as a u32 tensor, or null if any sample has none. */
export function uploadLabels(gpu: Gpu, samples: readonly Sample[]): Tensor | null {
  if (samples.some((s) => s.label === undefined)) return null;
  const labels = Uint32Array.from(samples, (s) => s.label as number);
  return Tensor.from(gpu, labels, [labels.length], { dtype: 'u32', label: 'labels' });
}

/** Uploads every target all samples have (labels, per-atom vectors, energies, forces). */
export function uploadTargets(gpu: Gpu, samples: readonly Sample[]): BatchTargets {
  const perAtom = (pick: (s: Sample) => Float64Array | undefined, label: string): Tensor | null => {
    if (samples.some((s) => pick(s) === undefined)) return null;
    const n = samples.reduce((sum, s) => sum + s.structure.species.length, 0);
    const data = new Float32Array(3 * n);
    let at = 0;
    for (const s of samples) {
      const v = pick(s) as Float64Array;
      if (v.length !== 3 * s.structure.species.length)
        throw new RangeError(`${label}: ${v.length} values for ${s.structure.species.length} atoms`);
      data.set(v, at);
      at += v.length;
    }
    return Tensor.from(gpu, data, [n, 3], { label });
  };
  const energies = samples.every((s) => s.energy !== undefined)
    ? Tensor.from(
        gpu,
        Float32Array.from(samples, (s) => s.energy as number),
        [samples.length, 1],
        { label: 'energies' },
      )
    : null;
  return {
    labels: uploadLabels(gpu, samples),
    vectors: perAtom((s) => s.target, 'vector targets'),
    energies,
    forces: perAtom((s) => s.forces, 'forces'),
  };
}

/** Disposes the target tensors of a batch. */
export function disposeTargets(t: BatchTargets): void {
  for (const x of [t.labels, t.vectors, t.energies, t.forces]) x?.dispose();
}

/** All atoms' positions of the samples, [N, 3], optionally a leaf that requires grad (forces). */
export function uploadPositions(gpu: Gpu, samples: readonly Sample[], requiresGrad: boolean): Tensor {
  const n = samples.reduce((sum, s) => sum + s.structure.species.length, 0);
  const data = new Float32Array(3 * n);
  let at = 0;
  for (const s of samples) {
    data.set(s.structure.positions, at);
    at += s.structure.positions.length;
  }
  return Tensor.from(gpu, data, [n, 3], { label: 'positions', requiresGrad });
}
