import bsplineSource from '../../../shaders/nn/bspline_basis.wgsl?raw';
import bsplineBackwardSource from '../../../shaders/nn/bspline_basis_backward.wgsl?raw';
import commonSource from '../../../shaders/nn/bspline_common.wgsl?raw';
import cutoffSource from '../../../shaders/nn/polynomial_cutoff.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { f32, packUniform } from './uniform';

export const BSPLINE_BASIS: KernelSpec = {
  label: 'nn bspline basis',
  code: `${cutoffSource}\n${commonSource}\n${bsplineSource}`,
  workgroupSize: 64,
};
export const BSPLINE_BASIS_BACKWARD: KernelSpec = {
  label: 'nn bspline basis backward',
  code: `${cutoffSource}\n${commonSource}\n${bsplineBackwardSource}`,
  workgroupSize: 64,
};

/** The basis's constants: K functions, cutoff rc, envelope exponent p, knot spacing h = rc/(K − 3). */
export interface BsplineShape {
  edges: number;
  count: number;
  cutoff: number;
  p: number;
}

const params = (s: BsplineShape) =>
  packUniform([s.edges, s.count, s.p, s.edges * s.count, f32(s.cutoff), f32(s.cutoff / (s.count - 3))]);

/** out[e, k] ← β3(r_e/h − k + 1) · u(r_e/rc). */
export function encodeBsplineBasis(batch: Batch, s: BsplineShape, lengths: GPUBuffer, out: GPUBuffer): void {
  const uniform = batch.uniform(BSPLINE_BASIS.label, params(s));
  batch.dispatch(BSPLINE_BASIS, [uniform, lengths, out], s.edges * s.count);
}

/** gr[e] ← Σ_k gy[e, k] · ∂out[e, k]/∂r_e. */
export function encodeBsplineBasisBackward(
  batch: Batch,
  s: BsplineShape,
  lengths: GPUBuffer,
  gy: GPUBuffer,
  gr: GPUBuffer,
): void {
  const uniform = batch.uniform(BSPLINE_BASIS_BACKWARD.label, params(s));
  batch.dispatch(BSPLINE_BASIS_BACKWARD, [uniform, lengths, gy, gr], s.edges);
}
