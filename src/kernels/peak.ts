import copySource from '../../shaders/bench/copy_vec4.wgsl?raw';
import fmaSource from '../../shaders/bench/peak_fma.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';

export const PEAK_FMA: KernelSpec = { label: 'peak_fma', code: fmaSource, workgroupSize: 256 };
export const COPY_VEC4: KernelSpec = { label: 'copy_vec4', code: copySource, workgroupSize: 256 };

/** FLOPs of one peak_fma dispatch: 8 vec4 FMA chains = 64 FLOPs per iteration per invocation. */
export function peakFmaFlops(n: number, iterations: number): number {
  return 64 * n * iterations;
}

export interface PeakFmaParams {
  n: number;
  iterations: number;
  a: number;
  b: number;
}

export function encodePeakFma(batch: Batch, out: GPUBuffer, p: PeakFmaParams): void {
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 2).set([p.n, p.iterations]);
  new Float32Array(params, 8, 2).set([p.a, p.b]);
  batch.dispatch(PEAK_FMA, [batch.uniform('peak_fma params', params), out], p.n);
}

/** Copies `vec4s` 16-byte elements from src to dst. */
export function encodeCopyVec4(batch: Batch, src: GPUBuffer, dst: GPUBuffer, vec4s: number): void {
  batch.dispatch(
    COPY_VEC4,
    [batch.uniform('copy params', new Uint32Array([vec4s, 0, 0, 0])), src, dst],
    vec4s,
  );
}
