import { describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { fullyConnectedTpPlan, makeTpPlan, type TpPlan } from '../o3/tp-instructions';
import { tensorProduct, tensorProductBackward } from '../reference/tensor-product';
import { relativeError } from '../test/compare';
import { poisoned, withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import {
  randomOrthogonal,
  randomTpInputs,
  type TpInputs,
  tpFixtures,
  transformInputs,
  transformOutput,
} from '../test/tp-fixtures';
import { flatWeights, loadTpCases, refPlan } from '../test/tp-refdata';
import { Rng } from '../util/random';
import {
  CgTensorProductKernel,
  cgBackwardFlops,
  cgForwardFlops,
  cgTensorProductBackwardOnGpu,
  cgTensorProductOnGpu,
} from './tensor-product';
import { contractionTerms, STAGING_TILE } from './tensor-product-tables';

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

/** Forward on the GPU through the kernel class, into a NaN-poisoned output. */
async function gpuForward(gpu: Gpu, plan: TpPlan, inputs: TpInputs, batch: number, shared: boolean) {
  const kernel = new CgTensorProductKernel(gpu, plan);
  const [x1, x2, w] = [inputs.x1, inputs.x2, inputs.weights].map((a) => gpu.storage('input', f32(a)));
  const out = poisoned(gpu, 'out', batch * plan.irrepsOut.dim);
  const b = gpu.batch();
  kernel.encodeForward(b, x1, x2, w, out, batch, shared);
  await b.submit();
  const result = await gpu.readF32(out, batch * plan.irrepsOut.dim);
  kernel.dispose();
  return result;
}

/** Backward on the GPU through the kernel class, into NaN-poisoned gradients. */
async function gpuBackward(gpu: Gpu, plan: TpPlan, inputs: TpInputs, batch: number, shared: boolean) {
  const kernel = new CgTensorProductKernel(gpu, plan);
  const { x1, x2, weights, gradOut } = inputs;
  const [bx1, bx2, bw, bg] = [x1, x2, weights, gradOut].map((a) => gpu.storage('input', f32(a)));
  const sizes = [x1.length, x2.length, (shared ? 1 : batch) * plan.weightNumel];
  const [g1, g2, gw] = sizes.map((n) => poisoned(gpu, 'grad', n));
  const b = gpu.batch();
  kernel.encodeBackward(b, bx1, bx2, bw, bg, g1, g2, gw, batch, shared);
  await b.submit();
  const [gradX1, gradX2, gradWeights] = await Promise.all(
    [g1, g2, gw].map((buf, n) => gpu.readF32(buf, sizes[n])),
  );
  kernel.dispose();
  return { gradX1, gradX2, gradWeights };
}

describe('CG tensor product on the GPU against e3nn 0.5.1 (tp.json)', () => {
  it.each(loadTpCases().map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await withDevice(async (gpu) => {
      const [x1, x2, w] = [c.x1.flat(), c.x2.flat(), flatWeights(c)].map(f32);
      const got = await cgTensorProductOnGpu(gpu, refPlan(c), x1, x2, w, c.batch, c.shared_weights);
      expect(relativeError(c.out.flat(), got)).toBeLessThan(TOL.f32Reduction);
    });
  });
});

describe.each(tpFixtures().map((f) => [f.name, f] as const))('GPU vs float64 twin: %s', (_, { plan }) => {
  it.each([true, false])('forward and backward (shared weights: %s)', async (shared) => {
    const batch = 5;
    const inputs = randomTpInputs(plan, batch, shared, new Rng(shared ? 21 : 22));
    const { x1, x2, weights, gradOut } = inputs;
    await withDevice(async (gpu) => {
      const out = await gpuForward(gpu, plan, inputs, batch, shared);
      expect(relativeError(tensorProduct(plan, x1, x2, weights, batch, shared), out)).toBeLessThan(
        TOL.f32Reduction,
      );
      const want = tensorProductBackward(plan, x1, x2, weights, gradOut, batch, shared);
      const got = await gpuBackward(gpu, plan, inputs, batch, shared);
      expect(relativeError(want.gradX1, got.gradX1)).toBeLessThan(TOL.f32Reduction);
      expect(relativeError(want.gradX2, got.gradX2)).toBeLessThan(TOL.f32Reduction);
      expect(relativeError(want.gradWeights, got.gradWeights)).toBeLessThan(TOL.f32Reduction);
    });
  });

  it('is equivariant under rotations and reflections', async () => {
    const rng = new Rng(23);
    await withDevice(async (gpu) => {
      for (const reflect of [false, true]) {
        const inputs = randomTpInputs(plan, 3, true, rng);
        const R = randomOrthogonal(rng, reflect);
        const rotated = transformInputs(plan, R, inputs.x1, inputs.x2, 3);
        const want = transformOutput(plan, R, await gpuForward(gpu, plan, inputs, 3, true), 3);
        const got = await gpuForward(gpu, plan, { ...inputs, ...rotated }, 3, true);
        expect(relativeError(want, got)).toBeLessThan(TOL.equivarianceF32);
      }
    });
  });
});

describe('CG tensor product kernel: sizes, chunking and determinism', () => {
  it('stages uvw pair sums over several workgroup tiles and groups weight gradients', async () => {
    // 24·23 pairs × 5 outputs exceed the tile; 23 does not divide the pairs per chunk; mul_out = 11
    // makes weight-gradient groups of 8 and 3.
    const plan = fullyConnectedTpPlan('24x2e', '23x2e', '11x2e');
    const [term] = contractionTerms(plan, 'forward');
    expect(term.staged).toBe(true);
    expect(term.nA * term.nB * term.widthO).toBeGreaterThan(STAGING_TILE);
    const inputs = randomTpInputs(plan, 2, false, new Rng(31));
    await withDevice(async (gpu) => {
      const { x1, x2, weights, gradOut } = inputs;
      const out = await gpuForward(gpu, plan, inputs, 2, false);
      expect(relativeError(tensorProduct(plan, x1, x2, weights, 2, false), out)).toBeLessThan(
        TOL.f32Reduction,
      );
      const want = tensorProductBackward(plan, x1, x2, weights, gradOut, 2, false);
      const got = await gpuBackward(gpu, plan, inputs, 2, false);
      for (const key of ['gradX1', 'gradX2', 'gradWeights'] as const) {
        expect(relativeError(want[key], got[key])).toBeLessThan(TOL.f32Reduction);
      }
    });
  });

  it('sums shared-weight gradients over chunks of samples, the last one ragged', async () => {
    const plan = tpFixtures()[0].plan;
    const batch = 301;
    const inputs = randomTpInputs(plan, batch, true, new Rng(32));
    const { x1, x2, weights, gradOut } = inputs;
    await withDevice(async (gpu) => {
      const want = tensorProductBackward(plan, x1, x2, weights, gradOut, batch, true);
      const got = await gpuBackward(gpu, plan, inputs, batch, true);
      expect(relativeError(want.gradWeights, got.gradWeights)).toBeLessThan(TOL.f32Reduction);
      expect(relativeError(want.gradX1, got.gradX1)).toBeLessThan(TOL.f32Reduction);
    });
  });

  it('runs one workgroup per sample past 65535 samples (grid spills into y)', async () => {
    const plan = makeTpPlan('1x1o', '1x1o', '1x1e', [
      { iIn1: 0, iIn2: 0, iOut: 0, mode: 'uuu', hasWeight: false },
    ]);
    await withDevice(async (gpu) => {
      const batch = gpu.device.limits.maxComputeWorkgroupsPerDimension + 3;
      const inputs = randomTpInputs(plan, batch, true, new Rng(33));
      const out = await gpuForward(gpu, plan, inputs, batch, true);
      const want = tensorProduct(plan, inputs.x1, inputs.x2, inputs.weights, batch, true);
      expect(relativeError(want, out)).toBeLessThan(TOL.f32Reduction);
    });
  });

  it('gives bitwise identical results when run twice', async () => {
    const { plan } = tpFixtures()[2];
    const inputs = randomTpInputs(plan, 40, true, new Rng(34));
    await withDevice(async (gpu) => {
      const [a, b] = [
        await gpuBackward(gpu, plan, inputs, 40, true),
        await gpuBackward(gpu, plan, inputs, 40, true),
      ];
      expect(b.gradWeights).toEqual(a.gradWeights);
      expect(b.gradX2).toEqual(a.gradX2);
    });
  });

  it('fails the comparison when one path weight is off by 0.1%', async () => {
    const { plan } = tpFixtures()[0];
    const paths = plan.paths.map((p, n) => (n === 3 ? { ...p, pathWeight: p.pathWeight * 1.001 } : p));
    const inputs = randomTpInputs(plan, 4, true, new Rng(35));
    await withDevice(async (gpu) => {
      const out = await gpuForward(gpu, { ...plan, paths }, inputs, 4, true);
      const want = tensorProduct(plan, inputs.x1, inputs.x2, inputs.weights, 4, true);
      expect(relativeError(want, out)).toBeGreaterThan(TOL.f32Reduction);
    });
  });

  it('rejects buffers too small for the batch, and zeroes a shared gradient of an empty batch', async () => {
    const { plan } = tpFixtures()[0];
    await withDevice(async (gpu) => {
      const kernel = new CgTensorProductKernel(gpu, plan);
      const small = gpu.storage('small', 16);
      const w = gpu.storage('w', plan.weightNumel * 4);
      expect(() => kernel.encodeForward(gpu.batch(), small, small, w, small, 3, true)).toThrow(
        /input A holds 16 bytes/,
      );
      const gradWeights = poisoned(gpu, 'grad w', plan.weightNumel);
      const b = gpu.batch();
      kernel.encodeBackward(b, small, small, w, small, small, small, gradWeights, 0, true);
      await b.submit();
      expect([...(await gpu.readF32(gradWeights, plan.weightNumel))].every((v) => v === 0)).toBe(true);
      kernel.dispose();
    });
  });

  it('runs the one-shot helpers', async () => {
    const { plan } = tpFixtures()[1];
    const inputs = randomTpInputs(plan, 3, false, new Rng(36));
    const { x1, x2, weights, gradOut } = inputs;
    await withDevice(async (gpu) => {
      const grads = await cgTensorProductBackwardOnGpu(
        gpu,
        plan,
        f32(x1),
        f32(x2),
        f32(weights),
        f32(gradOut),
        3,
        false,
      );
      const want = tensorProductBackward(plan, x1, x2, weights, gradOut, 3, false);
      expect(relativeError(want.gradWeights, grads.gradWeights)).toBeLessThan(TOL.f32Reduction);
      expect(await cgTensorProductOnGpu(gpu, plan, f32(x1), f32(x2), f32(weights), 0, false)).toHaveLength(0);
    });
  });
});

describe('FLOP counts', () => {
  it('counts a single direct path by hand', () => {
    // 1o ⊗ 1o → 0e, all muls 1: 3 CG entries (3 FLOPs each), one weight FMA, one path-weight FMA.
    const plan = fullyConnectedTpPlan('1x1o', '1x1o', '1x0e');
    expect(cgForwardFlops(plan)).toBe(1 * (3 * 3 + 2 * 1) + 2);
    // Backward: two contractions into width-3 outputs (1 entry each) and one weight: 3·3 + 2·1.
    expect(cgBackwardFlops(plan)).toBe(2 * (1 * (3 * 3 + 2 * 3) + 2 * 3) + (3 * 3 + 2));
  });

  it('grows like mul³ for fully connected products and like mul for channelwise ones', () => {
    const fc = (m: number) => cgForwardFlops(fullyConnectedTpPlan(`${m}x1o`, `${m}x1o`, `${m}x1e`));
    expect(fc(16) / fc(8)).toBeGreaterThan(6);
    const uvu = (m: number) =>
      cgForwardFlops(
        makeTpPlan(`${m}x1o`, '1x1o', `${m}x1e`, [
          { iIn1: 0, iIn2: 0, iOut: 0, mode: 'uvu', hasWeight: true },
        ]),
      );
    expect(uvu(16) / uvu(8)).toBeCloseTo(2, 5);
  });
});
