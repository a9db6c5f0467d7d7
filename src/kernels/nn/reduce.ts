import reduceSource from '../../../shaders/nn/reduce.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { f32, packUniform } from './uniform';

export const REDUCE: KernelSpec = { label: 'nn reduce', code: reduceSource, workgroupSize: 64 };

/**
 * Sum of x over some of its (up to 4, leading-1-padded) axes: `inShape` is x's shape, `keep[d]`
 * says whether axis d survives. out has the kept axes in order (reduced axes have extent 1).
 */
export interface ReducePlan {
  inShape: readonly number[];
  keep: readonly boolean[];
  scale: number;
  square?: boolean;
}

export function encodeReduce(batch: Batch, plan: ReducePlan, x: GPUBuffer, out: GPUBuffer): void {
  const { inShape, keep } = plan;
  if (inShape.length !== 4 || keep.length !== 4)
    throw new RangeError('encodeReduce expects 4-d padded shapes');
  const strides = [inShape[1] * inShape[2] * inShape[3], inShape[2] * inShape[3], inShape[3], 1];
  const outShape = inShape.map((d, i) => (keep[i] ? d : 1));
  const redShape = inShape.map((d, i) => (keep[i] ? 1 : d));
  const numOut = outShape.reduce((p, d) => p * d, 1);
  const numRed = redShape.reduce((p, d) => p * d, 1);
  const params = packUniform([
    outShape,
    redShape,
    strides,
    numOut,
    numRed,
    f32(plan.scale),
    plan.square ? 1 : 0,
  ]);
  // One workgroup per output element.
  batch.dispatch(REDUCE, [batch.uniform(REDUCE.label, params), x, out], numOut * REDUCE.workgroupSize);
}
