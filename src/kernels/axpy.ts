import axpySource from '../../shaders/common/axpy.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';

export const AXPY: KernelSpec = { label: 'axpy', code: axpySource, workgroupSize: 64 };

/** Records y ← a·x + y for `n` elements into `batch`. */
export function encodeAxpy(batch: Batch, a: number, x: GPUBuffer, y: GPUBuffer, n: number): void {
  const params = new ArrayBuffer(8);
  new Uint32Array(params, 0, 1)[0] = n;
  new Float32Array(params, 4, 1)[0] = a;
  batch.dispatch(AXPY, [batch.uniform('axpy params', params), x, y], n);
}
