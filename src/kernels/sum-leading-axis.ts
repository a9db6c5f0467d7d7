import sumLeadingAxisSource from '../../shaders/common/sum_leading_axis.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';

export const SUM_LEADING_AXIS: KernelSpec = {
  label: 'sum leading axis',
  code: sumLeadingAxisSource,
  workgroupSize: 64,
};

/** Records out[j] = Σ_r x[r·cols + j] (rows summed in order, so the result is deterministic). */
export function encodeSumLeadingAxis(
  batch: Batch,
  x: GPUBuffer,
  out: GPUBuffer,
  rows: number,
  cols: number,
): void {
  const params = new Uint32Array([rows, cols]);
  batch.dispatch(SUM_LEADING_AXIS, [batch.uniform('sum leading axis params', params), x, out], cols);
}
