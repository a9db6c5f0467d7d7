// One test suite for every GPU route of the Gaunt product (direct, S2 grid, 2D Fourier): each
// route's kernel against the float64 twin on e3nn's reference cases and on fresh random inputs,
// forward and backward, with NaN-poisoned outputs, plus O(3) equivariance in float32.
import { expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import type { GauntDims, GauntProductKernel } from '../kernels/gaunt-common';
import { gauntSizes } from '../kernels/gaunt-common';
import { randomRotation } from '../o3/rotation';
import { gauntDirect, gauntDirectBackward } from '../reference/gaunt';
import { Rng } from '../util/random';
import { relativeError } from './compare';
import { gauntProductCases, transformSignal } from './gaunt-cases';
import { poisoned, withDevice } from './gpu-harness';
import { TOL } from './tolerances';

/** Re-exported so route tests need one import for the harness and the suite. */
export { withDevice };

export type MakeKernel = (gpu: Gpu, dims: GauntDims) => GauntProductKernel;

/** Forward on the GPU into a NaN-poisoned output. */
export async function forwardOnGpu(
  gpu: Gpu,
  kernel: GauntProductKernel,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  batchSize: number,
): Promise<Float32Array> {
  const s = gauntSizes(kernel.dims);
  const out = poisoned(gpu, 'gaunt out', batchSize * s.out);
  const batch = gpu.batch();
  kernel.encodeForward(
    batch,
    gpu.storage('x1', Float32Array.from(x1)),
    gpu.storage('x2', Float32Array.from(x2)),
    out,
    batchSize,
  );
  await batch.submit();
  return gpu.readF32(out, batchSize * s.out);
}

/** Backward on the GPU into NaN-poisoned gradients. */
export async function backwardOnGpu(
  gpu: Gpu,
  kernel: GauntProductKernel,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  batchSize: number,
): Promise<{ gradX1: Float32Array; gradX2: Float32Array }> {
  const s = gauntSizes(kernel.dims);
  const g1 = poisoned(gpu, 'gradX1', batchSize * s.in1);
  const g2 = poisoned(gpu, 'gradX2', batchSize * s.in2);
  const upload = (label: string, x: ArrayLike<number>) => gpu.storage(label, Float32Array.from(x));
  const batch = gpu.batch();
  kernel.encodeBackward(
    batch,
    upload('x1', x1),
    upload('x2', x2),
    upload('gradOut', gradOut),
    g1,
    g2,
    batchSize,
  );
  await batch.submit();
  return {
    gradX1: await gpu.readF32(g1, batchSize * s.in1),
    gradX2: await gpu.readF32(g2, batchSize * s.in2),
  };
}

function randomProblem(rng: Rng, dims: GauntDims, batchSize: number) {
  const s = gauntSizes(dims);
  return {
    x1: rng.normals(batchSize * s.in1),
    x2: rng.normals(batchSize * s.in2),
    gradOut: rng.normals(batchSize * s.out),
  };
}

/** Registers the shared tests for one route; `seed` keeps routes on different random inputs. */
export function gauntKernelSuite(make: MakeKernel, seed: number): void {
  it("matches e3nn's gaunt_products.json on every case", async () => {
    await withDevice(async (gpu) => {
      for (const c of gauntProductCases()) {
        const kernel = make(gpu, { L1: c.L1, L2: c.L2, Lout: c.Lout, channels: c.channels });
        const got = await forwardOnGpu(gpu, kernel, c.x1, c.x2, c.batch);
        expect(relativeError(c.out, got), c.name).toBeLessThan(TOL.f32Reduction);
        kernel.dispose();
      }
    });
  });

  it.each([
    [8, 8, 8, 3, 5],
    [8, 2, 6, 2, 7],
    [1, 7, 8, 5, 3],
    [0, 3, 3, 4, 9],
    [6, 6, 1, 1, 40],
  ])(
    'forward and backward match the float64 twin (L1 %i, L2 %i, Lout %i, C %i, batch %i)',
    async (L1, L2, Lout, channels, batchSize) => {
      const dims = { L1, L2, Lout, channels };
      const { x1, x2, gradOut } = randomProblem(new Rng(seed + L1 * 100 + L2 * 10 + Lout), dims, batchSize);
      await withDevice(async (gpu) => {
        const kernel = make(gpu, dims);
        const out = await forwardOnGpu(gpu, kernel, x1, x2, batchSize);
        expect(relativeError(gauntDirect(L1, L2, Lout, channels, x1, x2, batchSize), out)).toBeLessThan(
          TOL.f32Reduction,
        );
        const want = gauntDirectBackward(L1, L2, Lout, channels, x1, x2, gradOut, batchSize);
        const got = await backwardOnGpu(gpu, kernel, x1, x2, gradOut, batchSize);
        expect(relativeError(want.gradX1, got.gradX1)).toBeLessThan(TOL.f32Reduction);
        expect(relativeError(want.gradX2, got.gradX2)).toBeLessThan(TOL.f32Reduction);
        kernel.dispose();
      });
    },
  );

  it('is O(3)-equivariant in float32 (a rotation and a reflection)', async () => {
    const dims = { L1: 5, L2: 4, Lout: 6, channels: 2 };
    const batchSize = 3;
    const rng = new Rng(seed + 1);
    const { x1, x2 } = randomProblem(rng, dims, batchSize);
    const shape = (lmax: number) => ({ channels: dims.channels, lmax });
    await withDevice(async (gpu) => {
      const kernel = make(gpu, dims);
      const out = await forwardOnGpu(gpu, kernel, x1, x2, batchSize);
      for (const sign of [1, -1]) {
        const R = randomRotation(rng).map((v) => sign * v);
        const a = transformSignal(x1, shape(dims.L1), R, batchSize);
        const b = transformSignal(x2, shape(dims.L2), R, batchSize);
        const rotatedFirst = await forwardOnGpu(gpu, kernel, a, b, batchSize);
        const rotatedAfter = transformSignal(out, shape(dims.Lout), R, batchSize);
        expect(relativeError(rotatedAfter, rotatedFirst)).toBeLessThan(TOL.equivarianceF32);
      }
      kernel.dispose();
    });
  });
}
