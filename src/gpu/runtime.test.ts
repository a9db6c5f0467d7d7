import { describe, expect, it } from 'vitest';
import { AXPY, encodeAxpy } from '../kernels/axpy';
import { axpy } from '../reference/axpy';
import { relativeError } from '../test/compare';
import { testGpu, withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import type { KernelTiming } from './batch';
import { BufferPool } from './buffer-pool';
import { GpuError } from './errors';
import { workgroupGrid } from './kernel-spec';

function randomF32(n: number, seed: number): Float32Array {
  // Small LCG: the runtime tests must not depend on the o3 RNG.
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function relErr(want: ArrayLike<number>, got: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num += (want[i] - got[i]) ** 2;
    den += want[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe('gpu runtime', () => {
  it('reports the adapter, its limits and features', async () => {
    const gpu = await testGpu();
    expect(gpu.report.name.length).toBeGreaterThan(0);
    expect(gpu.report.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 1024 * 1024);
    expect(typeof gpu.report.isFallback).toBe('boolean');
    expect(gpu.report.features).toEqual([...gpu.device.features].sort());
  });

  it('runs a kernel that matches its float64 twin, including the 2D grid past 65535 workgroups', async () => {
    await withDevice(async (gpu) => {
      const limit = gpu.device.limits.maxComputeWorkgroupsPerDimension;
      for (const n of [1, 63, 64, 1000, limit * AXPY.workgroupSize + 77]) {
        const x = randomF32(n, n);
        const y = randomF32(n, n + 1);
        const bx = gpu.storage('x', x);
        const by = gpu.storage('y', y);
        const batch = gpu.batch();
        encodeAxpy(batch, 0.75, bx, by, n);
        await batch.submit();
        const got = await gpu.readF32(by, n);
        expect(relErr(axpy(0.75, x, y), got)).toBeLessThan(1e-6);
      }
    });
  });

  it('sizes grids from the workgroup constant and spills into y', () => {
    expect(workgroupGrid(1, 64, 65535)).toEqual([1, 1, 1]);
    expect(workgroupGrid(65, 64, 65535)).toEqual([2, 1, 1]);
    const [x, y] = workgroupGrid(65535 * 64 + 1, 64, 65535);
    expect(y).toBe(2);
    expect(x * y * 64).toBeGreaterThanOrEqual(65535 * 64 + 1);
  });

  it('measures GPU time with timestamp queries when the adapter has them', async () => {
    await withDevice(async (gpu) => {
      // Big enough that a software adapter's coarse timer still ticks.
      const n = 1 << 20;
      const bx = gpu.storage('x', randomF32(n, 1));
      const by = gpu.storage('y', randomF32(n, 2));
      const batch = gpu.batch();
      for (let i = 0; i < 8; i++) encodeAxpy(batch, 1, bx, by, n);
      const ms = await batch.submit(true);
      if (gpu.hasTimestamps) expect(ms).toBeGreaterThan(0);
      else expect(ms).toBeNull();
    });
  });

  it('profiles a submit per dispatch when a profiler is set, and computes the same result', async () => {
    await withDevice(async (gpu) => {
      if (!gpu.hasTimestamps) return expect(gpu.hasTimestamps).toBe(false);
      const n = 1 << 16;
      const x = randomF32(n, 3);
      const y = randomF32(n, 4);
      const bx = gpu.storage('x', x);
      const by = gpu.storage('y', y);
      const runs: Promise<KernelTiming[]>[] = [];
      gpu.profiler = (t) => runs.push(t);
      try {
        const batch = gpu.batch();
        for (let i = 0; i < 3; i++) encodeAxpy(batch, 2, bx, by, n);
        await batch.submit();
      } finally {
        gpu.profiler = null;
      }
      const timings = (await Promise.all(runs)).flat();
      expect(timings.map((t) => t.label)).toEqual([AXPY.label, AXPY.label, AXPY.label]);
      for (const t of timings) expect(t.ms).toBeGreaterThanOrEqual(0);
      const got = await gpu.readF32(by, n);
      // y ← y + 2x three times.
      expect(
        relativeError(
          Array.from(y, (v, i) => v + 6 * x[i]),
          got,
        ),
      ).toBeLessThan(TOL.f32Elementwise);
    });
  });

  it('turns WGSL errors into messages with line and column', async () => {
    const gpu = await testGpu();
    const broken = {
      label: 'broken',
      code: 'override WG: u32 = 64;\n@compute @workgroup_size(WG) fn main() { let x: f32 = 1u; }',
      workgroupSize: 64,
    };
    await expect(gpu.prepare(broken)).rejects.toThrow(/broken:2:\d+/);
  });

  it('turns validation errors into GpuError naming the operation', async () => {
    const gpu = await testGpu();
    const err = await gpu
      .checked('binding a too-small buffer', async () => {
        const small = gpu.storage('small', 4);
        gpu.dispatch(AXPY, [small, small], 1, new Uint32Array([1, 0]));
        gpu.destroyBuffer(small);
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(GpuError);
    expect(String(err.message)).toMatch(/binding a too-small buffer/);
  });

  it('recovers from device loss with a new device and tells listeners', async () => {
    const gpu = await testGpu();
    const old = gpu.device;
    const event = new Promise<{ recovered: boolean }>((resolve) => gpu.onDeviceLost(resolve));
    gpu.simulateDeviceLoss();
    expect((await event).recovered).toBe(true);
    expect(gpu.device).not.toBe(old);
    await withDevice(async (g) => {
      const by = g.storage('y', new Float32Array([1, 2, 3]));
      const batch = g.batch();
      encodeAxpy(batch, 2, g.storage('x', new Float32Array([1, 1, 1])), by, 3);
      await batch.submit();
      expect([...(await g.readF32(by, 3))]).toEqual([3, 4, 5]);
    });
  });
});

describe('buffer pool', () => {
  it('reuses released buffers of the same size class and usage, and refuses double release', () => {
    let created = 0;
    const fake = (size: number, usage: number, label: string) => {
      created++;
      return { size, usage, label, destroy() {} } as unknown as GPUBuffer;
    };
    const pool = new BufferPool(fake);
    const a = pool.acquire(100, 1, 'a');
    pool.release(a);
    expect(pool.acquire(200, 1, 'b')).toBe(a);
    expect(pool.acquire(200, 2, 'c')).not.toBe(a);
    expect(created).toBe(2);
    pool.release(a);
    expect(() => pool.release(a)).toThrow(/twice/);
    expect(BufferPool.sizeClass(70000)).toBe(131072);
  });
});
