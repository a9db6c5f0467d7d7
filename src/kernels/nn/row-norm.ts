import rowNormSource from '../../../shaders/nn/row_norm.wgsl?raw';
import rowNormBackwardSource from '../../../shaders/nn/row_norm_backward.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { packUniform } from './uniform';

export const ROW_NORM: KernelSpec = { label: 'nn row norm', code: rowNormSource, workgroupSize: 64 };
export const ROW_NORM_BACKWARD: KernelSpec = {
  label: 'nn row norm backward',
  code: rowNormBackwardSource,
  workgroupSize: 64,
};

/** y[r] ← ‖x[r, :]‖₂. */
export function encodeRowNorm(batch: Batch, rows: number, cols: number, x: GPUBuffer, y: GPUBuffer): void {
  const params = batch.uniform(ROW_NORM.label, packUniform([rows, cols]));
  batch.dispatch(ROW_NORM, [params, x, y], rows);
}

/** gx[r, c] ← gy[r] · x[r, c] / y[r] (0 where y[r] = 0). */
export function encodeRowNormBackward(
  batch: Batch,
  rows: number,
  cols: number,
  x: GPUBuffer,
  y: GPUBuffer,
  gy: GPUBuffer,
  gx: GPUBuffer,
): void {
  const params = batch.uniform(ROW_NORM_BACKWARD.label, packUniform([rows, cols, rows * cols]));
  batch.dispatch(ROW_NORM_BACKWARD, [params, x, y, gy, gx], rows * cols);
}
