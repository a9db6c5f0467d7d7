import matmulSource from '../../../shaders/nn/matmul.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { packUniform } from './uniform';

const TILE = 16;
export const MATMUL: KernelSpec = {
  label: 'nn matmul',
  code: matmulSource,
  workgroupSize: TILE * TILE,
  constants: { TILE },
};

export interface MatmulShape {
  /** out is m × n; the shared dimension is k. */
  m: number;
  n: number;
  k: number;
  /** A is stored k × m (read transposed). */
  transA?: boolean;
  /** B is stored n × k (read transposed). */
  transB?: boolean;
}

/** out ← op(a)·op(b) (+ bias broadcast over rows when given). */
export function encodeMatmul(
  batch: Batch,
  s: MatmulShape,
  a: GPUBuffer,
  b: GPUBuffer,
  bias: GPUBuffer | null,
  out: GPUBuffer,
): void {
  if (s.m === 0 || s.n === 0) return;
  const tilesN = Math.ceil(s.n / TILE);
  const numTiles = Math.ceil(s.m / TILE) * tilesN;
  const params = packUniform([
    s.m,
    s.n,
    s.k,
    s.transA ? 1 : 0,
    s.transB ? 1 : 0,
    bias ? 1 : 0,
    tilesN,
    numTiles,
  ]);
  // `a` stands in for a missing bias: the binding must exist, the kernel does not read it.
  const bindings = [batch.uniform(MATMUL.label, params), a, b, bias ?? a, out];
  batch.dispatch(MATMUL, bindings, numTiles * MATMUL.workgroupSize);
}
