import adamSource from '../../../shaders/nn/adam.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { f32, packUniform } from './uniform';

export const ADAM: KernelSpec = { label: 'nn adam', code: adamSource, workgroupSize: 64 };

export interface AdamStepParams {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** AdamW (decay applied to the weights) rather than L2 added to the gradient. */
  decoupled: boolean;
  /** 1-based step count, for the bias corrections. */
  step: number;
}

/** p, m, v ← one Adam step with gradient `grad`, in place, over n values. */
export function encodeAdam(
  batch: Batch,
  s: AdamStepParams,
  n: number,
  grad: GPUBuffer,
  p: GPUBuffer,
  m: GPUBuffer,
  v: GPUBuffer,
): void {
  const params = packUniform([
    n,
    s.decoupled ? 1 : 0,
    f32(s.lr),
    f32(s.beta1),
    f32(s.beta2),
    f32(1 - s.beta1),
    f32(1 - s.beta2),
    f32(s.eps),
    f32(s.weightDecay),
    f32(1 - s.beta1 ** s.step),
    f32(1 - s.beta2 ** s.step),
  ]);
  batch.dispatch(ADAM, [batch.uniform(ADAM.label, params), grad, p, m, v], n);
}
