// Real spherical harmonics on the GPU: thin wrappers over the generated kernels in shaders/sh/
// (see shaders/sh/generate-sh.ts). The float64 twin is src/o3/spherical-harmonics.ts.
import shBackwardSource from '../../shaders/sh/sh_backward.wgsl?raw';
import shForwardSource from '../../shaders/sh/sh_forward.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';
import { type ShNormalization, type ShOptions, shDim } from '../o3/spherical-harmonics';

/** Highest degree compiled into the generated kernels (SH_LMAX_MAX in the generator). */
export const SH_GPU_LMAX = 12;

const WORKGROUP_SIZE = 64;
const NORMALIZATION_CODE: Record<ShNormalization, number> = { component: 0, norm: 1, integral: 2 };

function checkLmax(lmax: number): void {
  if (!Number.isInteger(lmax) || lmax < 0 || lmax > SH_GPU_LMAX) {
    throw new RangeError(`GPU spherical harmonics support lmax 0..${SH_GPU_LMAX}, got ${lmax}`);
  }
}

/** The forward kernel with `lmax` baked in (one cached pipeline per lmax). */
export function shForwardKernel(lmax: number): KernelSpec {
  checkLmax(lmax);
  return {
    label: `sh_forward lmax=${lmax}`,
    code: shForwardSource,
    workgroupSize: WORKGROUP_SIZE,
    constants: { lmax },
  };
}

export function shBackwardKernel(lmax: number): KernelSpec {
  checkLmax(lmax);
  return {
    label: `sh_backward lmax=${lmax}`,
    code: shBackwardSource,
    workgroupSize: WORKGROUP_SIZE,
    constants: { lmax },
  };
}

/** The kernels' uniform: { n, normalize, normalization, pad } as u32. */
export function shParams(n: number, opts: ShOptions): Uint32Array {
  return new Uint32Array([n, opts.normalize ? 1 : 0, NORMALIZATION_CODE[opts.normalization], 0]);
}

/** Records out (n × (lmax+1)²) ← Y(vectors (3n, packed xyz)). */
export function encodeShForward(
  batch: Batch,
  lmax: number,
  vectors: GPUBuffer,
  out: GPUBuffer,
  n: number,
  opts: ShOptions,
): void {
  const spec = shForwardKernel(lmax);
  batch.dispatch(spec, [batch.uniform(`${spec.label} params`, shParams(n, opts)), vectors, out], n);
}

/** Records gradVectors (3n) ← ∂(Σ gradOut · Y(vectors)) / ∂vectors. */
export function encodeShBackward(
  batch: Batch,
  lmax: number,
  vectors: GPUBuffer,
  gradOut: GPUBuffer,
  gradVectors: GPUBuffer,
  n: number,
  opts: ShOptions,
): void {
  const spec = shBackwardKernel(lmax);
  const params = batch.uniform(`${spec.label} params`, shParams(n, opts));
  batch.dispatch(spec, [params, vectors, gradOut, gradVectors], n);
}

/** Y of the n vectors in `vectors`, into a new storage buffer the caller owns. */
export async function shForward(gpu: Gpu, lmax: number, vectors: GPUBuffer, n: number, opts: ShOptions) {
  const out = gpu.storage(`sh lmax=${lmax}`, 4 * n * shDim(lmax));
  const batch = gpu.batch();
  encodeShForward(batch, lmax, vectors, out, n, opts);
  await batch.submit();
  return out;
}

/** Gradient with respect to the n vectors, into a new storage buffer the caller owns. */
export async function shBackward(
  gpu: Gpu,
  lmax: number,
  vectors: GPUBuffer,
  gradOut: GPUBuffer,
  n: number,
  opts: ShOptions,
): Promise<GPUBuffer> {
  const gradVectors = gpu.storage(`sh grad lmax=${lmax}`, 4 * 3 * n);
  const batch = gpu.batch();
  encodeShBackward(batch, lmax, vectors, gradOut, gradVectors, n, opts);
  await batch.submit();
  return gradVectors;
}

/** Upload, run, read back: Y as n × (lmax+1)² float32. For one-off calls (UI, CLI); not for step loops. */
export async function computeShOnGpu(
  gpu: Gpu,
  lmax: number,
  vectors: Float32Array,
  opts: ShOptions,
): Promise<Float32Array> {
  const n = checkVectors(vectors);
  const input = gpu.storage('sh vectors', vectors);
  const out = await shForward(gpu, lmax, input, n, opts).finally(() => gpu.destroyBuffer(input));
  try {
    return await gpu.readF32(out, n * shDim(lmax));
  } finally {
    gpu.destroyBuffer(out);
  }
}

/** Upload, run the backward kernel, read back the 3n gradient. */
export async function computeShBackwardOnGpu(
  gpu: Gpu,
  lmax: number,
  vectors: Float32Array,
  gradOut: Float32Array,
  opts: ShOptions,
): Promise<Float32Array> {
  const n = checkVectors(vectors);
  if (gradOut.length !== n * shDim(lmax))
    throw new RangeError(`gradOut has ${gradOut.length} values, expected ${n * shDim(lmax)}`);
  const input = gpu.storage('sh vectors', vectors);
  const gradOutBuffer = gpu.storage('sh grad_out', gradOut);
  const grad = await shBackward(gpu, lmax, input, gradOutBuffer, n, opts).finally(() => {
    gpu.destroyBuffer(input);
    gpu.destroyBuffer(gradOutBuffer);
  });
  try {
    return await gpu.readF32(grad, 3 * n);
  } finally {
    gpu.destroyBuffer(grad);
  }
}

function checkVectors(vectors: Float32Array): number {
  if (vectors.length % 3 !== 0)
    throw new RangeError(`vectors length ${vectors.length} is not a multiple of 3`);
  return vectors.length / 3;
}
