import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { ParameterSnapshot } from '../nn/parameters';
import type { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';

/** The model families `createModel` knows (docs/models.md). */
export type ModelKind = 'nequip' | 'mlp';
export const MODEL_KINDS: readonly ModelKind[] = ['nequip', 'mlp'];

/** A model's config and weights as plain data: JSON-able once the Float32Arrays are listed. */
export interface ModelSnapshot<C = unknown> {
  readonly kind: ModelKind;
  readonly config: C;
  readonly parameters: ParameterSnapshot;
}

/**
 * Samples uploaded in the form a model reads (graphs, flattened coordinates…), plus their class
 * labels when they have them. Valid across steps until `dispose()`.
 */
export interface PreparedBatch {
  readonly size: number;
  /** u32 [size], or null when a sample has no label. */
  readonly labels: Tensor | null;
  dispose(): void;
}

/** A classifier of structures: samples in, logits [B, numClasses] out. */
export interface Model<C = unknown, P extends PreparedBatch = PreparedBatch> {
  readonly kind: ModelKind;
  readonly config: C;
  /** Short, stable name for logs, checkpoints and tables (e.g. "nequip-cg-c8-l2-x3"). */
  readonly name: string;
  readonly numClasses: number;
  /** Trainable tensors in a fixed order (the optimizer's and the checkpoint's order). */
  readonly parameters: readonly Tensor[];
  readonly parameterNames: readonly string[];
  prepare(samples: readonly Sample[]): P;
  /** Records the forward pass: logits [batch.size, numClasses]. */
  forward(ctx: Context, batch: P): Tensor;
  save(): Promise<ModelSnapshot<C>>;
  /** Overwrites the weights (same config) from a snapshot. */
  load(snapshot: ModelSnapshot<C>): void;
  dispose(): void;
}

/** Labels of samples as a u32 tensor, or null if any sample has none. */
export function uploadLabels(gpu: Gpu, samples: readonly Sample[]): Tensor | null {
  if (samples.some((s) => s.label === undefined)) return null;
  const labels = Uint32Array.from(samples, (s) => s.label as number);
  return Tensor.from(gpu, labels, [labels.length], { dtype: 'u32', label: 'labels' });
}
