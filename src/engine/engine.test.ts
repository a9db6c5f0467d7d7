import { describe, expect, it } from 'vitest';
import { sphericalHarmonics } from '../o3/spherical-harmonics';
import { relativeError } from '../test/compare';
import { testGpu } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Engine } from './engine';
import { uvSphere } from './sh-field';

describe('engine', () => {
  it('computes SH on the GPU and the CPU twin with the same layout', async () => {
    const engine = await Engine.create(await testGpu());
    const vectors = new Rng(7).normals(3 * 50);
    const request = { lmax: 5, normalization: 'norm' as const, normalize: false, vectors };
    const gpu = await engine.sphericalHarmonics({ ...request, backend: 'gpu' });
    const cpu = await engine.sphericalHarmonics({ ...request, backend: 'cpu' });
    expect(gpu.irreps).toBe('1x0e+1x1o+1x2e+1x3o+1x4e+1x5o');
    expect(relativeError(cpu.values, gpu.values)).toBeLessThan(TOL.f32Reduction);
  });

  it('refuses out-of-range lmax and non-finite vectors', async () => {
    const engine = await Engine.create(await testGpu());
    const base = { normalization: 'component' as const, normalize: true, backend: 'gpu' as const };
    await expect(
      engine.sphericalHarmonics({ ...base, lmax: 13, vectors: new Float64Array(3) }),
    ).rejects.toThrow(/lmax/);
    await expect(
      engine.sphericalHarmonics({ ...base, lmax: 2, vectors: Float64Array.of(1, Number.NaN, 0) }),
    ).rejects.toThrow(/non-finite/);
  });

  it('samples Y_lm on a sphere mesh that matches the float64 twin', async () => {
    const engine = await Engine.create(await testGpu());
    const field = await engine.shField({ l: 3, m: -2, normalization: 'integral', resolution: 16 });
    const n = field.positions.length / 3;
    expect(field.values).toHaveLength(n);
    const twin = sphericalHarmonics(3, Float64Array.from(field.positions), {
      normalize: true,
      normalization: 'integral',
    });
    const column = Float64Array.from({ length: n }, (_, i) => twin[i * 16 + 9 + -2 + 3]);
    expect(relativeError(column, field.values)).toBeLessThan(TOL.f32Reduction);
    expect(field.max).toBeCloseTo(Math.max(...column), 5);
    await expect(engine.shField({ l: 2, m: 3, normalization: 'component', resolution: 8 })).rejects.toThrow(
      /m must/,
    );
  });

  it('builds a closed UV sphere of unit vectors', () => {
    const { positions, indices } = uvSphere(8);
    for (let i = 0; i < positions.length; i += 3) {
      expect(Math.hypot(positions[i], positions[i + 1], positions[i + 2])).toBeCloseTo(1, 6);
    }
    expect(indices.length).toBe(8 * 16 * 6);
    expect(Math.max(...indices)).toBe(positions.length / 3 - 1);
  });

  it('reports the SH kernel equivariant under a random rotation, and its float32 floor', async () => {
    const engine = await Engine.create(await testGpu());
    for (const lmax of [0, 3, 8]) {
      const r = await engine.shEquivariance({
        lmax,
        seed: 11 + lmax,
        samples: 64,
        normalization: 'component',
      });
      expect(r.relativeError).toBeLessThan(TOL.equivarianceF32);
      // Y_0 = 1 is exact in float32; higher degrees carry rounding.
      if (lmax > 0) expect(r.float32Floor).toBeGreaterThan(0);
      else expect(r.float32Floor).toBe(0);
      expect(r.verdict).toBe(lmax === 0 ? 'invariant' : 'equivariant');
    }
  });
});
