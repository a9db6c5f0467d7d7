import { describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { type FftSign, fft } from '../reference/fft';
import { relativeError } from '../test/compare';
import { withDevice as withHarnessDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { FftKernel, fftFlops, fftOnGpu, fitsInWorkgroupMemory } from './fft';

/** withDevice, then trim the uniform pool (the harness destroys pooled uniforms it saw created). */
function withDevice(body: (gpu: Gpu) => Promise<void>): Promise<void> {
  return withHarnessDevice(async (gpu) => {
    try {
      await body(gpu);
    } finally {
      gpu.pool.trim();
    }
  });
}

/** The float64 twin on the same float32-rounded input. */
function twin(
  input: Float32Array,
  n: number,
  sign: FftSign,
  scale: number,
  offset = 0,
  count = input.length / (2 * n) - offset / n,
) {
  const want = Float64Array.from(input);
  fft(want, n, count, sign, scale, offset);
  return want;
}

// Every radix alone and mixed (12 = 4·3, 36 = 4·3·3, 128 = 4·4·4·2), short columns that share a
// workgroup, and the longest default; few sizes, because each is one pipeline to compile.
const SHARED_SIZES = [1, 2, 3, 5, 12, 25, 36, 64, 256];

describe('batched complex FFT kernel (shaders/fft/)', () => {
  it.each([-1, 1] as FftSign[])('workgroup-memory kernel matches the float64 FFT, sign %i', async (sign) => {
    const rng = new Rng(40 + sign);
    await withDevice(async (gpu) => {
      for (const n of SHARED_SIZES) {
        const count = Math.max(3, Math.ceil(1500 / n));
        const input = Float32Array.from(rng.normals(2 * n * count));
        const scale = sign > 0 ? 1 / n : 1;
        const got = await fftOnGpu(gpu, input, n, sign, scale, { workgroupMemory: true });
        expect(relativeError(twin(input, n, sign, scale), got), `n = ${n}`).toBeLessThan(TOL.f32Reduction);
      }
    });
  });

  it.each([-1, 1] as FftSign[])('global-memory passes match the float64 FFT, sign %i', async (sign) => {
    const rng = new Rng(50 + sign);
    await withDevice(async (gpu) => {
      for (const n of [2, 5, 12, 60, 1000, 2048]) {
        const count = Math.max(2, Math.ceil(3000 / n));
        const input = Float32Array.from(rng.normals(2 * n * count));
        const got = await fftOnGpu(gpu, input, n, sign, 0.5, { workgroupMemory: false });
        expect(relativeError(twin(input, n, sign, 0.5), got), `n = ${n}`).toBeLessThan(TOL.f32Reduction);
      }
    });
  });

  it('transforms only the requested columns, from an offset, and leaves the rest alone', async () => {
    const rng = new Rng(60);
    await withDevice(async (gpu) => {
      for (const workgroupMemory of [true, false]) {
        const n = 36;
        const input = Float32Array.from(rng.normals(2 * n * 20));
        const kernel = new FftKernel(gpu, n, { workgroupMemory });
        const buffer = gpu.storage('fft data', input);
        const batch = gpu.batch();
        kernel.encode(batch, buffer, 11, -1, 1, 5 * n);
        await batch.submit();
        const got = await gpu.readF32(buffer, input.length);
        const want = twin(input, n, -1, 1, 5 * n, 11);
        expect(relativeError(want, got)).toBeLessThan(TOL.f32Reduction);
        expect(got.subarray(0, 10 * n)).toEqual(input.subarray(0, 10 * n));
        expect(got.subarray(32 * n)).toEqual(input.subarray(32 * n));
        kernel.dispose();
      }
    });
  });

  it('picks workgroup memory for short columns on hardware adapters, counts 5 n log2 n FLOPs', async () => {
    await withDevice(async (gpu) => {
      const small = new FftKernel(gpu, 32);
      expect(small.inWorkgroupMemory).toBe(!gpu.report.isFallback);
      expect(small.columnsPerWorkgroup).toBeGreaterThan(1);
      small.dispose();
      const limit = gpu.device.limits.maxComputeWorkgroupStorageSize;
      expect(fitsInWorkgroupMemory(gpu, limit / 16)).toBe(true);
      expect(fitsInWorkgroupMemory(gpu, limit / 8)).toBe(false);
      expect(() => new FftKernel(gpu, limit / 8, { workgroupMemory: true })).toThrow(/workgroup memory/);
      const big = new FftKernel(gpu, 2048);
      expect(big.inWorkgroupMemory).toBe(false);
      big.dispose();
    });
    expect(fftFlops(32, 3)).toBe(3 * 5 * 32 * 5);
    expect(fftFlops(1)).toBe(0);
  });
});
