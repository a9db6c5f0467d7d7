// What the Gaunt-product kernels (gaunt-direct.ts, gaunt-grid.ts, and the 2D-Fourier route) share:
// their dimensions, the encode interface, byte counts, and one-shot helpers that upload, run and
// read back (for tests, the CLI and benchmarks; training code records into its own batches).

import type { Batch } from '../gpu/batch';
import type { Gpu } from '../gpu/runtime';
import { checkShape, signalDim } from '../o3/gaunt-layout';

/** A channelwise Gaunt product: x1 of degree ≤ L1, x2 ≤ L2, out ≤ Lout, all with `channels` channels. */
export interface GauntDims {
  readonly L1: number;
  readonly L2: number;
  readonly Lout: number;
  readonly channels: number;
}

export interface GauntProductKernel {
  readonly dims: GauntDims;
  /** Records out ← Gaunt(x1, x2) for `batchSize` samples (e3nn layout, f32). */
  encodeForward(batch: Batch, x1: GPUBuffer, x2: GPUBuffer, out: GPUBuffer, batchSize: number): void;
  /** Records gradX1, gradX2 ← gradients of Σ gradOut · Gaunt(x1, x2). Both are overwritten. */
  encodeBackward(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    gradOut: GPUBuffer,
    gradX1: GPUBuffer,
    gradX2: GPUBuffer,
    batchSize: number,
  ): void;
  dispose(): void;
}

export function checkDims(d: GauntDims): void {
  for (const lmax of [d.L1, d.L2, d.Lout]) checkShape({ channels: d.channels, lmax });
}

/** Floats per sample of x1, x2 and out. */
export function gauntSizes(d: GauntDims): { in1: number; in2: number; out: number } {
  return {
    in1: signalDim({ channels: d.channels, lmax: d.L1 }),
    in2: signalDim({ channels: d.channels, lmax: d.L2 }),
    out: signalDim({ channels: d.channels, lmax: d.Lout }),
  };
}

/**
 * Minimum bytes moved per sample (f32; tables are shared by the batch and not counted): the
 * forward reads x1, x2 and writes out; the backward reads x1, x2, gradOut and writes two gradients.
 */
export function gauntMinBytes(d: GauntDims): { forward: number; backward: number } {
  const s = gauntSizes(d);
  return { forward: 4 * (s.in1 + s.in2 + s.out), backward: 4 * (2 * s.in1 + 2 * s.in2 + s.out) };
}

function upload(gpu: Gpu, label: string, data: Float32Array, want: number): GPUBuffer {
  if (data.length !== want) throw new RangeError(`${label}: ${data.length} floats, expected ${want}`);
  return gpu.storage(label, data);
}

/** Uploads x1 and x2, runs the forward in one batch, reads the output back, frees the buffers. */
export async function runGauntForward(
  gpu: Gpu,
  kernel: GauntProductKernel,
  x1: Float32Array,
  x2: Float32Array,
  batchSize: number,
): Promise<Float32Array> {
  const s = gauntSizes(kernel.dims);
  const buffers = [
    upload(gpu, 'gaunt x1', x1, batchSize * s.in1),
    upload(gpu, 'gaunt x2', x2, batchSize * s.in2),
    gpu.storage('gaunt out', 4 * batchSize * s.out),
  ];
  try {
    const batch = gpu.batch();
    kernel.encodeForward(batch, buffers[0], buffers[1], buffers[2], batchSize);
    await batch.submit();
    return await gpu.readF32(buffers[2], batchSize * s.out);
  } finally {
    for (const b of buffers) gpu.destroyBuffer(b);
  }
}

/** Uploads x1, x2 and gradOut, runs the backward in one batch, reads both gradients back. */
export async function runGauntBackward(
  gpu: Gpu,
  kernel: GauntProductKernel,
  x1: Float32Array,
  x2: Float32Array,
  gradOut: Float32Array,
  batchSize: number,
): Promise<{ gradX1: Float32Array; gradX2: Float32Array }> {
  const s = gauntSizes(kernel.dims);
  const buffers = [
    upload(gpu, 'gaunt x1', x1, batchSize * s.in1),
    upload(gpu, 'gaunt x2', x2, batchSize * s.in2),
    upload(gpu, 'gaunt gradOut', gradOut, batchSize * s.out),
    gpu.storage('gaunt gradX1', 4 * batchSize * s.in1),
    gpu.storage('gaunt gradX2', 4 * batchSize * s.in2),
  ];
  try {
    const batch = gpu.batch();
    kernel.encodeBackward(batch, buffers[0], buffers[1], buffers[2], buffers[3], buffers[4], batchSize);
    await batch.submit();
    return {
      gradX1: await gpu.readF32(buffers[3], batchSize * s.in1),
      gradX2: await gpu.readF32(buffers[4], batchSize * s.in2),
    };
  } finally {
    for (const b of buffers) gpu.destroyBuffer(b);
  }
}

/** Runs `use` with a kernel built for one call and disposes it (tables included) afterwards. */
export async function withKernel<K extends GauntProductKernel, T>(
  kernel: K,
  use: (k: K) => Promise<T>,
): Promise<T> {
  try {
    return await use(kernel);
  } finally {
    kernel.dispose();
  }
}
