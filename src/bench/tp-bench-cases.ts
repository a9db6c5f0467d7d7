import type { Batch } from '../gpu/batch';
import type { Gpu } from '../gpu/runtime';
import type { GauntDims, GauntProductKernel } from '../kernels/gaunt-common';
import { gauntSizes } from '../kernels/gaunt-common';
import { GauntDirectKernel, gauntDirectFlops } from '../kernels/gaunt-direct';
import { GauntFftKernel, gauntFftFlops } from '../kernels/gaunt-fft';
import { GauntGridKernel, gauntGridFlops } from '../kernels/gaunt-grid';
import { CgTensorProductKernel, cgBackwardFlops, cgForwardFlops } from '../kernels/tensor-product';
import { Irreps } from '../o3/irreps';
import { makeTpPlan, type TpInstruction, type TpPlan } from '../o3/tp-instructions';
import { tensorProduct, tensorProductBackward } from '../reference/tensor-product';
import { Rng } from '../util/random';

export const BENCH_METHODS = ['cg', 'gaunt-fft', 'gaunt-grid', 'gaunt-direct', 'cpu'] as const;
export type BenchMethod = (typeof BENCH_METHODS)[number];
export type BenchSetting = 'siso' | 'mimo';

const parityOf = (l: number) => (l % 2 === 0 ? 'e' : 'o');

/**
 * The CG product compared with the Gaunt routes: channelwise ('uuu', C channels) so it does the
 * same kind of work. siso: one degree L in each input and out (parities of spherical harmonics
 * in, the product's parity out). mimo: every degree 0..L in and out, spherical-harmonic
 * parities throughout, so exactly the paths with l1 + l2 + l3 even (the ones Gaunt has).
 */
export function benchCgPlan(setting: BenchSetting, L: number, C: number): TpPlan {
  if (setting === 'siso') {
    const inIrreps = `${C}x${L}${parityOf(L)}`;
    const ins: TpInstruction[] = [{ iIn1: 0, iIn2: 0, iOut: 0, mode: 'uuu', hasWeight: true }];
    return makeTpPlan(inIrreps, inIrreps, `${C}x${L}e`, ins);
  }
  const irreps = Irreps.sphericalHarmonics(L);
  const blocks = new Irreps(irreps.blocks.map(({ ir }) => [C, ir] as [number, typeof ir]));
  const ins: TpInstruction[] = [];
  for (let a = 0; a <= L; a++)
    for (let b = 0; b <= L; b++)
      for (let o = Math.abs(a - b); o <= Math.min(a + b, L); o++)
        if ((a + b + o) % 2 === 0) ins.push({ iIn1: a, iIn2: b, iOut: o, mode: 'uuu', hasWeight: true });
  return makeTpPlan(blocks, blocks, blocks, ins);
}

/** One method at one size, ready to time: encoders record into the caller's batch. */
export interface BenchCase {
  flopsForward: number;
  flopsBackward: number;
  encodeForward(batch: Batch): void;
  encodeForwardBackward(batch: Batch): void;
  /** For the CPU twin: runs synchronously instead of encoding. */
  runCpu?: { forward(): void; forwardBackward(): void };
  dispose(): void;
}

function randomBuffer(gpu: Gpu, label: string, n: number, rng: Rng): GPUBuffer {
  return gpu.storage(label, Float32Array.from(rng.normals(Math.max(1, n))));
}

function cgCase(gpu: Gpu, plan: TpPlan, batchSize: number, rng: Rng): BenchCase {
  const kernel = new CgTensorProductKernel(gpu, plan);
  const [d1, d2, dOut] = [plan.irrepsIn1.dim, plan.irrepsIn2.dim, plan.irrepsOut.dim];
  const x1 = randomBuffer(gpu, 'bench x1', batchSize * d1, rng);
  const x2 = randomBuffer(gpu, 'bench x2', batchSize * d2, rng);
  const w = randomBuffer(gpu, 'bench w', plan.weightNumel, rng);
  const gradOut = randomBuffer(gpu, 'bench gradOut', batchSize * dOut, rng);
  const out = gpu.storage('bench out', 4 * batchSize * dOut);
  const g1 = gpu.storage('bench g1', 4 * batchSize * d1);
  const g2 = gpu.storage('bench g2', 4 * batchSize * d2);
  const gw = gpu.storage('bench gw', 4 * Math.max(1, plan.weightNumel));
  const forward = (b: Batch) => kernel.encodeForward(b, x1, x2, w, out, batchSize, true);
  return {
    flopsForward: cgForwardFlops(plan) * batchSize,
    flopsBackward: cgBackwardFlops(plan) * batchSize,
    encodeForward: forward,
    encodeForwardBackward: (b) => {
      forward(b);
      kernel.encodeBackward(b, x1, x2, w, gradOut, g1, g2, gw, batchSize, true);
    },
    dispose: () => {
      kernel.dispose();
      for (const buf of [x1, x2, w, gradOut, out, g1, g2, gw]) gpu.destroyBuffer(buf);
    },
  };
}

function cpuCase(plan: TpPlan, batchSize: number, rng: Rng): BenchCase {
  const x1 = rng.normals(batchSize * plan.irrepsIn1.dim);
  const x2 = rng.normals(batchSize * plan.irrepsIn2.dim);
  const w = rng.normals(plan.weightNumel);
  const gradOut = rng.normals(batchSize * plan.irrepsOut.dim);
  const forward = () => tensorProduct(plan, x1, x2, w, batchSize, true);
  return {
    flopsForward: cgForwardFlops(plan) * batchSize,
    flopsBackward: cgBackwardFlops(plan) * batchSize,
    encodeForward: () => {},
    encodeForwardBackward: () => {},
    runCpu: {
      forward,
      forwardBackward: () => {
        forward();
        tensorProductBackward(plan, x1, x2, w, gradOut, batchSize, true);
      },
    },
    dispose: () => {},
  };
}

const gauntRoutes = {
  'gaunt-fft': { Kernel: GauntFftKernel, flops: gauntFftFlops },
  'gaunt-grid': { Kernel: GauntGridKernel, flops: gauntGridFlops },
  'gaunt-direct': { Kernel: GauntDirectKernel, flops: gauntDirectFlops },
} as const;

function gauntCase(
  gpu: Gpu,
  method: keyof typeof gauntRoutes,
  dims: GauntDims,
  batchSize: number,
  rng: Rng,
): BenchCase {
  const route = gauntRoutes[method];
  const kernel: GauntProductKernel = new route.Kernel(gpu, dims);
  const s = gauntSizes(dims);
  const x1 = randomBuffer(gpu, 'bench x1', batchSize * s.in1, rng);
  const x2 = randomBuffer(gpu, 'bench x2', batchSize * s.in2, rng);
  const gradOut = randomBuffer(gpu, 'bench gradOut', batchSize * s.out, rng);
  const out = gpu.storage('bench out', 4 * batchSize * s.out);
  const g1 = gpu.storage('bench g1', 4 * batchSize * s.in1);
  const g2 = gpu.storage('bench g2', 4 * batchSize * s.in2);
  const flops = route.flops(dims);
  const forward = (b: Batch) => kernel.encodeForward(b, x1, x2, out, batchSize);
  return {
    flopsForward: flops.forward * batchSize,
    flopsBackward: flops.backward * batchSize,
    encodeForward: forward,
    encodeForwardBackward: (b) => {
      forward(b);
      kernel.encodeBackward(b, x1, x2, gradOut, g1, g2, batchSize);
    },
    dispose: () => {
      kernel.dispose();
      for (const buf of [x1, x2, gradOut, out, g1, g2]) gpu.destroyBuffer(buf);
    },
  };
}

/**
 * Builds the case for one row. The Gaunt kernels take full signals (degrees 0..L), so their siso
 * and mimo rows do the same work; CG's differ (one path vs all even paths).
 */
export function makeBenchCase(
  gpu: Gpu,
  method: BenchMethod,
  setting: BenchSetting,
  L: number,
  channels: number,
  batchSize: number,
  seed: number,
): BenchCase {
  const rng = new Rng(seed);
  if (method === 'cg') return cgCase(gpu, benchCgPlan(setting, L, channels), batchSize, rng);
  if (method === 'cpu') return cpuCase(benchCgPlan(setting, L, channels), batchSize, rng);
  return gauntCase(gpu, method, { L1: L, L2: L, Lout: L, channels }, batchSize, rng);
}
