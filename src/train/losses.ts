import type { Model, PreparedBatch } from '../models/model';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';

/** Weights of the force-field loss terms (task 'forces'). */
export interface ForceFieldWeights {
  /** Weight of the per-atom energy MSE, mean(((E − E*)/n̄)²). */
  energyWeight: number;
  /** Weight of the force MSE, mean over components of (F − F*)². */
  forceWeight: number;
}

function need(t: Tensor | null, what: string): Tensor {
  if (!t) throw new RangeError(`loss: the batch has samples without ${what}`);
  return t;
}

/** Mean softmax cross-entropy of logits [B, classes] against the batch's labels. */
export function classificationLoss(ctx: Context, logits: Tensor, batch: PreparedBatch): Tensor {
  return ops.crossEntropy(ctx, logits, need(batch.labels, 'labels'));
}

/** Mean atoms per structure of a batch (the energy loss is per atom). */
export function meanAtoms(batch: PreparedBatch): number {
  return batch.numNodes / Math.max(1, batch.size);
}

/** The per-atom energy term w_E·mean(((E − E*)/n̄)²) of energies [B, 1]. */
export function energyLoss(ctx: Context, energies: Tensor, batch: PreparedBatch, weight: number): Tensor {
  const n = meanAtoms(batch);
  return ops.scale(ctx, ops.mse(ctx, energies, need(batch.energies, 'energies')), weight / (n * n));
}

/**
 * The loss of one step's forward output for the model's task: cross-entropy (classification),
 * MSE of the per-atom vectors (regression), or the per-atom energy MSE (forces; the force term
 * needs second derivatives and is added by the trainer, see Trainer.forceMatchingStep).
 */
export function taskLoss(
  ctx: Context,
  model: Model,
  output: Tensor,
  batch: PreparedBatch,
  weights: ForceFieldWeights,
): Tensor {
  if (model.task === 'classification') return classificationLoss(ctx, output, batch);
  if (model.task === 'regression') return ops.mse(ctx, output, need(batch.vectors, 'vector targets'));
  return energyLoss(ctx, output, batch, weights.energyWeight);
}

export { need as requireTarget };
