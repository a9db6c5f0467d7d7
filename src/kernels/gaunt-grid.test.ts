import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { backwardOnGpu, forwardOnGpu, gauntKernelSuite, withDevice } from '../test/gaunt-kernel-suite';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { gauntSizes } from './gaunt-common';
import { GauntDirectKernel } from './gaunt-direct';
import { GauntGridKernel, gauntGridFlops } from './gaunt-grid';

describe('Gaunt S2-grid kernels (shaders/s2grid/)', () => {
  gauntKernelSuite((gpu, dims) => new GauntGridKernel(gpu, dims), 2000);

  it('agrees with the direct kernel on the GPU, L1 = L2 = Lout = 8, forward and backward', async () => {
    const dims = { L1: 8, L2: 8, Lout: 8, channels: 4 };
    const batchSize = 9; // 36 rows: two row tiles
    const rng = new Rng(77);
    const s = gauntSizes(dims);
    const [x1, x2, g] = [s.in1, s.in2, s.out].map((n) => rng.normals(batchSize * n));
    await withDevice(async (gpu) => {
      const grid = new GauntGridKernel(gpu, dims);
      const direct = new GauntDirectKernel(gpu, dims);
      const a = await forwardOnGpu(gpu, grid, x1, x2, batchSize);
      const b = await forwardOnGpu(gpu, direct, x1, x2, batchSize);
      expect(relativeError(b, a)).toBeLessThan(TOL.f32Reduction);
      const ga = await backwardOnGpu(gpu, grid, x1, x2, g, batchSize);
      const gb = await backwardOnGpu(gpu, direct, x1, x2, g, batchSize);
      expect(relativeError(gb.gradX1, ga.gradX1)).toBeLessThan(TOL.f32Reduction);
      expect(relativeError(gb.gradX2, ga.gradX2)).toBeLessThan(TOL.f32Reduction);
      grid.dispose();
      direct.dispose();
    });
  });

  it('counts the dense grid matmuls: 13 × 25 points for L1 = L2 = Lout = 8', () => {
    const flops = gauntGridFlops({ L1: 8, L2: 8, Lout: 8, channels: 1 });
    expect(flops.forward).toBe(2 * 325 * 162 + 325 + 2 * 325 * 81);
    expect(flops.backward).toBe(2 * flops.forward);
  });
});
