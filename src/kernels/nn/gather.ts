import gatherSource from '../../../shaders/nn/gather.wgsl?raw';
import segmentSumSource from '../../../shaders/nn/segment_sum.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { packUniform } from './uniform';

export const GATHER: KernelSpec = { label: 'nn gather', code: gatherSource, workgroupSize: 64 };
export const SEGMENT_SUM: KernelSpec = { label: 'nn segment sum', code: segmentSumSource, workgroupSize: 64 };

/** x viewed as [outer, srcCount, inner]; the middle axis is the one indexed or segmented. */
export interface MiddleAxis {
  outer: number;
  inner: number;
  srcCount: number;
}

/** out[o, e, c] ← x[o, index[e], c] for e < count. */
export function encodeGather(
  batch: Batch,
  axis: MiddleAxis,
  count: number,
  x: GPUBuffer,
  index: GPUBuffer,
  out: GPUBuffer,
): void {
  const n = axis.outer * count * axis.inner;
  const params = packUniform([axis.outer, count, axis.inner, axis.srcCount, n]);
  batch.dispatch(GATHER, [batch.uniform(GATHER.label, params), x, index, out], n);
}

/** out[o, s, c] ← Σ_{k ∈ [offsets[s], offsets[s+1])} x[o, order[k], c] for s < segments. */
export function encodeSegmentSum(
  batch: Batch,
  axis: MiddleAxis,
  segments: number,
  x: GPUBuffer,
  order: GPUBuffer,
  offsets: GPUBuffer,
  out: GPUBuffer,
): void {
  const n = axis.outer * segments * axis.inner;
  const params = packUniform([axis.outer, segments, axis.inner, axis.srcCount, n]);
  batch.dispatch(SEGMENT_SUM, [batch.uniform(SEGMENT_SUM.label, params), x, order, offsets, out], n);
}
