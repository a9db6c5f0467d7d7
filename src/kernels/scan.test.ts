import { describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { exclusiveScan } from '../reference/scan';
import { poisoned, withDevice } from '../test/gpu-harness';
import { Rng } from '../util/random';
import { ExclusiveScan, type ScanOptions } from './scan';

function randomCounts(rng: Rng, n: number, below: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(below);
  return out;
}

async function scanOnGpu(gpu: Gpu, x: Uint32Array, options?: ScanOptions): Promise<Uint32Array> {
  const plan = new ExclusiveScan(gpu, x.length, options);
  const input = gpu.storage('scan input', x);
  const output = poisoned(gpu, 'scan output', x.length + 1);
  const batch = gpu.batch();
  plan.encode(batch, input, output);
  await batch.submit();
  const got = new Uint32Array(await gpu.read(output, 4 * (x.length + 1)));
  plan.destroy();
  return got;
}

/** Index of the first difference, or -1 (vitest's deep equality is slow on million-element arrays). */
function firstMismatch(want: Uint32Array, got: Uint32Array): number {
  if (want.length !== got.length) return Math.min(want.length, got.length);
  return want.findIndex((v, i) => v !== got[i]);
}

describe('exclusive scan (u32)', () => {
  it('matches its twin across sizes around the chunk and level boundaries', async () => {
    await withDevice(async (gpu) => {
      const sizes = [0, 1, 2, 63, 64, 65, 4095, 4096, 4097, 64 ** 3 + 5, 1_000_003];
      for (const [k, n] of sizes.entries()) {
        const x = randomCounts(new Rng(1000 + k), n, 50);
        const got = await scanOnGpu(gpu, x);
        expect(firstMismatch(exclusiveScan(x), got)).toBe(-1);
      }
    });
  });

  it('spills past 65535 workgroups into the second grid dimension, over nine levels', async () => {
    await withDevice(async (gpu) => {
      const limit = gpu.device.limits.maxComputeWorkgroupsPerDimension;
      // One-thread workgroups and chunks of 4: limit + 2 workgroups at the first level, and
      // more still in the add stage (one element each).
      const n = (limit + 2) * 4 - 3;
      const x = randomCounts(new Rng(77), n, 8);
      const want = exclusiveScan(x);
      const got = await scanOnGpu(gpu, x, { workgroupSize: 1, chunk: 4 });
      expect(firstMismatch(want, got)).toBe(-1);
    });
  });

  it('wraps modulo 2^32 like its twin and is bitwise reproducible', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(5);
      const x = new Uint32Array(3000).map(() => rng.nextUint32());
      const first = await scanOnGpu(gpu, x, { workgroupSize: 32, chunk: 3 });
      expect(firstMismatch(exclusiveScan(x), first)).toBe(-1);
      expect(await scanOnGpu(gpu, x, { workgroupSize: 32, chunk: 3 })).toEqual(first);
    });
  });

  it('refuses to scan a buffer in place', async () => {
    await withDevice(async (gpu) => {
      const plan = new ExclusiveScan(gpu, 4);
      const b = gpu.storage('x', 32);
      expect(() => plan.encode(gpu.batch(), b, b)).toThrow(/different buffers/);
      plan.destroy();
    });
  });
});
