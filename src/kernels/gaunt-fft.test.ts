import { describe, expect, it } from 'vitest';
import { signalDim } from '../o3/gaunt-layout';
import { gauntFft, gauntFftBackward } from '../reference/gaunt-fft';
import { productFftSize, projectionTable, shToColumnsTable } from '../reference/gaunt-fft-plan';
import { relativeError } from '../test/compare';
import { backwardOnGpu, forwardOnGpu, gauntKernelSuite, withDevice } from '../test/gaunt-kernel-suite';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { fftFlops } from './fft';
import { GauntFftKernel, gauntFftFlops } from './gaunt-fft';

describe('Gaunt FFT kernel (shaders/gaunt/fft_*.wgsl + shaders/fft/)', () => {
  gauntKernelSuite((gpu, dims) => new GauntFftKernel(gpu, dims), 3000);

  // The θ-FFTs run in workgroup memory on hardware adapters and as global passes on software
  // ones (fft.ts, prefersWorkgroupMemory): both are checked here, whatever the adapter.
  it.each([
    [8, 8, 8, 2, 3, true],
    [8, 8, 8, 2, 3, false],
    [3, 6, 4, 3, 4, true],
    [3, 6, 4, 3, 4, false],
  ])(
    'forward and backward match the float64 FFT twin (L1 %i, L2 %i, Lout %i, C %i, batch %i, workgroup FFT %s)',
    async (L1, L2, Lout, channels, batch, workgroupMemory) => {
      const dims = { L1, L2, Lout, channels };
      const rng = new Rng(3100 + L2);
      const size = (lmax: number) => batch * signalDim({ channels, lmax });
      const [x1, x2, gradOut] = [rng.normals(size(L1)), rng.normals(size(L2)), rng.normals(size(Lout))];
      await withDevice(async (gpu) => {
        const kernel = new GauntFftKernel(gpu, dims, { fft: { workgroupMemory } });
        expect(kernel.fftInWorkgroupMemory).toBe(workgroupMemory);
        const out = await forwardOnGpu(gpu, kernel, x1, x2, batch);
        expect(relativeError(gauntFft(dims, x1, x2, batch), out)).toBeLessThan(TOL.f32Reduction);
        const want = gauntFftBackward(dims, x1, x2, gradOut, batch);
        const got = await backwardOnGpu(gpu, kernel, x1, x2, gradOut, batch);
        expect(relativeError(want.gradX1, got.gradX1)).toBeLessThan(TOL.f32Reduction);
        expect(relativeError(want.gradX2, got.gradX2)).toBeLessThan(TOL.f32Reduction);
        kernel.dispose();
      });
    },
  );

  it('runs large batches in chunks through a capped spectra buffer', async () => {
    const dims = { L1: 4, L2: 3, Lout: 5, channels: 3 };
    const batch = 23;
    const rng = new Rng(3200);
    const size = (lmax: number) => batch * signalDim({ channels: dims.channels, lmax });
    const [x1, x2, gradOut] = [rng.normals(size(4)), rng.normals(size(3)), rng.normals(size(5))];
    await withDevice(async (gpu) => {
      // Forward: n = 15 and 3 + 2 + 3 pairs of columns, 16 samples per chunk (16 + 7); backward:
      // n = 20 and 3 + 3 + 2 + 3 + 2 pairs, 7 samples per chunk (7 + 7 + 7 + 2).
      const kernel = new GauntFftKernel(gpu, dims, { maxSpectraBytes: 16 * dims.channels * 8 * 15 * 8 });
      const out = await forwardOnGpu(gpu, kernel, x1, x2, batch);
      expect(relativeError(gauntFft(dims, x1, x2, batch), out)).toBeLessThan(TOL.f32Reduction);
      const want = gauntFftBackward(dims, x1, x2, gradOut, batch);
      const got = await backwardOnGpu(gpu, kernel, x1, x2, gradOut, batch);
      expect(relativeError(want.gradX1, got.gradX1)).toBeLessThan(TOL.f32Reduction);
      expect(relativeError(want.gradX2, got.gradX2)).toBeLessThan(TOL.f32Reduction);
      kernel.dispose();
    });
  });

  it('counts FLOPs stage by stage', () => {
    // L1 = L2 = 1 → Lout = 2 on n = 5: two inputs of 7 table entries and one column pair each; the
    // row convolution has 3 + 2 + 1 terms and 4 unpaired inputs on rows j = 0, 1, 2; the product
    // has 2 column pairs.
    const n = productFftSize(1, 1);
    expect(n).toBe(5);
    const toColumns = 4 * shToColumnsTable(1).index.length + fftFlops(5, 1);
    const product = 3 * (8 * 6 + 4 * 4) + fftFlops(5, 2) + 6 * projectionTable(2, 2).index.length;
    const flops = gauntFftFlops({ L1: 1, L2: 1, Lout: 2, channels: 3 });
    expect(flops.forward).toBeCloseTo(3 * (2 * toColumns + product), 6);
    const wide = gauntFftFlops({ L1: 8, L2: 8, Lout: 8, channels: 1 });
    // Same degrees in both directions: the backward is two forwards sharing one extra input.
    expect(wide.backward / wide.forward).toBeGreaterThan(1.5);
    expect(wide.backward / wide.forward).toBeLessThan(2);
  });
});
