import { describe, expect, it } from 'vitest';
import { measurePeak } from '../bench/peak';
import { peakFmaValue } from '../reference/peak-fma';
import { relativeError } from '../test/compare';
import { poisoned, withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { encodeCopyVec4, encodePeakFma } from './peak';

describe('peak probes', () => {
  it('peak_fma computes what its float64 twin computes', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(3);
      const p = { n: 300, iterations: 40, a: rng.uniform(0.5, 0.99), b: rng.uniform(-1, 1) };
      const out = poisoned(gpu, 'out', p.n);
      const batch = gpu.batch();
      encodePeakFma(batch, out, p);
      await batch.submit();
      const want = Float64Array.from({ length: p.n }, (_, i) => peakFmaValue(i, p.iterations, p.a, p.b));
      expect(relativeError(want, await gpu.readF32(out, p.n))).toBeLessThan(TOL.f32Reduction);
    });
  });

  it('copy_vec4 copies every element', async () => {
    await withDevice(async (gpu) => {
      const data = Float32Array.from(new Rng(4).normals(4 * 1000));
      const src = gpu.storage('src', data);
      const dst = poisoned(gpu, 'dst', data.length);
      const batch = gpu.batch();
      encodeCopyVec4(batch, src, dst, 1000);
      await batch.submit();
      expect(await gpu.readF32(dst, data.length)).toEqual(data);
    });
  });

  it('measures a positive, finite peak', async () => {
    await withDevice(async (gpu) => {
      const peak = await measurePeak(gpu, 5);
      expect(peak.fma_gflops).toBeGreaterThan(0);
      expect(peak.copy_gbps).toBeGreaterThan(0);
      expect(Number.isFinite(peak.fma_gflops + peak.copy_gbps)).toBe(true);
    });
  });
});
