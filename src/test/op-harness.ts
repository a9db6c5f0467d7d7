// Helpers shared by the op tests (src/ops/*.test.ts) and the tape tests.
import type { Gpu } from '../gpu/runtime';
import type { HostTensor } from '../ops/op';
import { Tensor } from '../tensor/tensor';

/** A seed per (op, seed) so that ops do not share random streams. */
export function opSeed(name: string, seed: number): number {
  let h = seed * 7919;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h >>> 0;
}

/** The host tensor with its float values rounded to f32 (what the GPU sees), u32 unchanged. */
export function roundedToF32(t: HostTensor): HostTensor {
  if (t.data instanceof Uint32Array) return t;
  return { data: Float64Array.from(Float32Array.from(t.data)), shape: t.shape };
}

/** Uploads a host tensor; f32 inputs require grad, so the op's backward reaches them. */
export function upload(gpu: Gpu, t: HostTensor, label: string): Tensor {
  const isIndex = t.data instanceof Uint32Array;
  return Tensor.from(gpu, t.data, t.shape, { dtype: isIndex ? 'u32' : 'f32', requiresGrad: !isIndex, label });
}

/** Frees device copies held by op attributes (SegmentIndex, BlockLayout). */
export function disposeAttrs(attrs: unknown): void {
  if (!attrs || typeof attrs !== 'object') return;
  for (const value of Object.values(attrs)) {
    if (value && typeof (value as { dispose?: unknown }).dispose === 'function')
      (value as { dispose(): void }).dispose();
  }
}

/** The bits of a float array, for bitwise comparisons (NaN-safe, −0 ≠ +0). */
export function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}
