import unarySource from '../../../shaders/nn/unary.wgsl?raw';
import unaryBackwardSource from '../../../shaders/nn/unary_backward.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { packUniform } from './uniform';

export const UNARY: KernelSpec = { label: 'nn unary', code: unarySource, workgroupSize: 64 };
export const UNARY_BACKWARD: KernelSpec = {
  label: 'nn unary backward',
  code: unaryBackwardSource,
  workgroupSize: 64,
};

/** Activation codes shared by shaders/nn/unary.wgsl and unary_backward.wgsl. */
export const ACTIVATION_CODE = { silu: 0, sigmoid: 1, tanh: 2, relu: 3 } as const;
export type Activation = keyof typeof ACTIVATION_CODE;

/** y ← f(x) elementwise over n values. */
export function encodeUnary(batch: Batch, fn: Activation, x: GPUBuffer, y: GPUBuffer, n: number): void {
  const params = batch.uniform(UNARY.label, packUniform([n, ACTIVATION_CODE[fn]]));
  batch.dispatch(UNARY, [params, x, y], n);
}

/** gx ← gy · f'(x) elementwise over n values. */
export function encodeUnaryBackward(
  batch: Batch,
  fn: Activation,
  x: GPUBuffer,
  gy: GPUBuffer,
  gx: GPUBuffer,
  n: number,
): void {
  const params = batch.uniform(UNARY_BACKWARD.label, packUniform([n, ACTIVATION_CODE[fn]]));
  batch.dispatch(UNARY_BACKWARD, [params, x, gy, gx], n);
}
