import cutoffSource from '../../../shaders/nn/polynomial_cutoff.wgsl?raw';
import forwardSource from '../../../shaders/nn/radial_basis.wgsl?raw';
import backwardSource from '../../../shaders/nn/radial_basis_backward.wgsl?raw';
import commonSource from '../../../shaders/nn/radial_basis_common.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import type { RadialBasisSpec } from '../../nn/radial';
import { f32, packUniform } from './uniform';

export const RADIAL_BASIS: KernelSpec = {
  label: 'nn radial basis',
  code: `${cutoffSource}\n${commonSource}\n${forwardSource}`,
  workgroupSize: 64,
};
export const RADIAL_BASIS_BACKWARD: KernelSpec = {
  label: 'nn radial basis backward',
  code: `${cutoffSource}\n${commonSource}\n${backwardSource}`,
  workgroupSize: 64,
};

function params(spec: RadialBasisSpec, edges: number, n: number): ArrayBuffer {
  const start = spec.kind === 'gaussian' ? (spec.start ?? 0) : 0;
  const step = (spec.cutoff - start) / (spec.count + 1);
  const p = (spec.envelope ?? 'polynomial') === 'polynomial' ? (spec.p ?? 6) : 0;
  return packUniform([
    edges,
    spec.count,
    spec.kind === 'bessel' ? 0 : 1,
    p,
    f32(spec.cutoff),
    f32(start),
    f32(step),
    n,
  ]);
}

/** y[e, k] ← basis k of lengths[e] (times the envelope). */
export function encodeRadialBasis(
  batch: Batch,
  spec: RadialBasisSpec,
  edges: number,
  lengths: GPUBuffer,
  y: GPUBuffer,
): void {
  const n = edges * spec.count;
  batch.dispatch(RADIAL_BASIS, [batch.uniform(RADIAL_BASIS.label, params(spec, edges, n)), lengths, y], n);
}

/** gr[e] ← Σ_k gy[e, k]·∂y[e, k]/∂r. */
export function encodeRadialBasisBackward(
  batch: Batch,
  spec: RadialBasisSpec,
  edges: number,
  lengths: GPUBuffer,
  gy: GPUBuffer,
  gr: GPUBuffer,
): void {
  const u = batch.uniform(RADIAL_BASIS_BACKWARD.label, params(spec, edges, edges));
  batch.dispatch(RADIAL_BASIS_BACKWARD, [u, lengths, gy, gr], edges);
}
