import crossEntropySource from '../../../shaders/nn/cross_entropy.wgsl?raw';
import crossEntropyBackwardSource from '../../../shaders/nn/cross_entropy_backward.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { packUniform } from './uniform';

export const CROSS_ENTROPY: KernelSpec = {
  label: 'nn cross entropy',
  code: crossEntropySource,
  workgroupSize: 64,
};
export const CROSS_ENTROPY_BACKWARD: KernelSpec = {
  label: 'nn cross entropy backward',
  code: crossEntropyBackwardSource,
  workgroupSize: 64,
};

/** loss[r] ← logsumexp(logits[r, :]) − logits[r, labels[r]]. */
export function encodeCrossEntropy(
  batch: Batch,
  rows: number,
  classes: number,
  logits: GPUBuffer,
  labels: GPUBuffer,
  loss: GPUBuffer,
): void {
  const params = batch.uniform(CROSS_ENTROPY.label, packUniform([rows, classes]));
  batch.dispatch(CROSS_ENTROPY, [params, logits, labels, loss], rows);
}

/** gz ← gy[0] · (softmax(logits) − onehot(labels)) / rows. */
export function encodeCrossEntropyBackward(
  batch: Batch,
  rows: number,
  classes: number,
  logits: GPUBuffer,
  labels: GPUBuffer,
  gy: GPUBuffer,
  gz: GPUBuffer,
): void {
  const params = batch.uniform(CROSS_ENTROPY_BACKWARD.label, packUniform([rows, classes]));
  batch.dispatch(CROSS_ENTROPY_BACKWARD, [params, logits, labels, gy, gz], rows);
}
