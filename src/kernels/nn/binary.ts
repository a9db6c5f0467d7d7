import binarySource from '../../../shaders/nn/binary.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { f32, packUniform } from './uniform';

export const BINARY: KernelSpec = { label: 'nn binary', code: binarySource, workgroupSize: 64 };

/** A 4-d index space: the output shape padded with leading 1s, and each input's strides in it. */
export interface Strided4 {
  shape: readonly number[];
  strideA: readonly number[];
  strideB: readonly number[];
}

export type BinaryMode =
  | { op: 'lincomb'; alpha: number; beta: number }
  | { op: 'product'; alpha: number }
  | { op: 'scale'; alpha: number };

const OP_CODE = { lincomb: 0, product: 1, scale: 2 } as const;

/**
 * out ← alpha·a + beta·b, alpha·a·b or alpha·a over the broadcast index space `s`. For 'scale',
 * `b` is ignored (pass `a`).
 */
export function encodeBinary(
  batch: Batch,
  mode: BinaryMode,
  s: Strided4,
  a: GPUBuffer,
  b: GPUBuffer,
  out: GPUBuffer,
): void {
  const n = s.shape.reduce((p, d) => p * d, 1);
  const beta = mode.op === 'lincomb' ? mode.beta : 0;
  const params = packUniform([
    s.shape,
    s.strideA,
    s.strideB,
    n,
    OP_CODE[mode.op],
    f32(mode.alpha),
    f32(beta),
  ]);
  batch.dispatch(BINARY, [batch.uniform(BINARY.label, params), a, b, out], n);
}
