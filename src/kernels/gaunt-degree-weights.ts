// Elementwise kernels for the Gaunt product's learnable degree weights: scaling a batch of signals
// by one weight per degree (or per degree and channel), and the weights' gradient as a
// deterministic reduction over the batch. Float64 twins: src/reference/gaunt-degree-weights.ts.

import degreeWeightGradSource from '../../shaders/gaunt/degree-weight-grad.wgsl?raw';
import scaleDegreesSource from '../../shaders/gaunt/scale-degrees.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import { type SignalShape, signalDim } from '../o3/gaunt-layout';

export const SCALE_DEGREES: KernelSpec = {
  label: 'gaunt scale degrees',
  code: scaleDegreesSource,
  workgroupSize: 64,
};
export const DEGREE_WEIGHT_GRAD: KernelSpec = {
  label: 'gaunt degree weight grad',
  code: degreeWeightGradSource,
  workgroupSize: 64,
};

/** Number of weights for a signal: L + 1, or (L + 1)·C per channel. */
export function degreeWeightCount(shape: SignalShape, perChannel: boolean): number {
  return (shape.lmax + 1) * (perChannel ? shape.channels : 1);
}

/** Records y ← w[l(, c)] · x for `batchSize` signals of `shape` (x and y distinct buffers). */
export function encodeScaleDegrees(
  batch: Batch,
  x: GPUBuffer,
  weights: GPUBuffer,
  y: GPUBuffer,
  shape: SignalShape,
  perChannel: boolean,
  batchSize: number,
): void {
  const dim = signalDim(shape);
  const total = batchSize * dim;
  const params = new Uint32Array([total, shape.channels, dim, perChannel ? 1 : 0]);
  batch.dispatch(SCALE_DEGREES, [batch.uniform('scale degrees params', params), weights, x, y], total);
}

/** Records grad[w] ← Σ x·g over the elements weight w scales (overwrites grad). */
export function encodeDegreeWeightGrad(
  batch: Batch,
  x: GPUBuffer,
  g: GPUBuffer,
  grad: GPUBuffer,
  shape: SignalShape,
  perChannel: boolean,
  batchSize: number,
): void {
  const weights = degreeWeightCount(shape, perChannel);
  const params = new Uint32Array([weights, shape.channels, signalDim(shape), batchSize, perChannel ? 1 : 0]);
  // One workgroup per weight: asking for weights × WG invocations gives exactly that many groups
  // (spilling into y past the per-dimension limit, as the shader's index expects).
  const bindings = [batch.uniform('degree weight grad params', params), x, g, grad];
  batch.dispatch(DEGREE_WEIGHT_GRAD, bindings, weights * DEGREE_WEIGHT_GRAD.workgroupSize);
}
