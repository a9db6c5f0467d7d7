import type { Gpu } from '../gpu/runtime';
import { encodeCopyVec4, encodePeakFma, peakFmaFlops } from '../kernels/peak';
import { type TimingOptions, timeGpuWork } from './timing';

export interface PeakReport {
  fma_gflops: number;
  copy_gbps: number;
}

const TIMING: TimingOptions = { warmup: 1, maxRepeats: 7, budgetMs: 800 };

/**
 * The adapter's achievable FMA throughput and copy bandwidth, measured by the same run that
 * measures the kernels (so ratios compare like with like). Sizes grow until a run takes ~20 ms,
 * so a software adapter and an H100 are both measured in well under a second each.
 */
export async function measurePeak(gpu: Gpu, targetMs = 20): Promise<PeakReport> {
  return { fma_gflops: await measureFma(gpu, targetMs), copy_gbps: await measureCopy(gpu, targetMs) };
}

async function measureFma(gpu: Gpu, targetMs: number): Promise<number> {
  const maxInvocations = 1 << 20;
  const out = gpu.storage('peak fma out', 4 * maxInvocations);
  try {
    let n = 4096;
    let iterations = 64;
    for (;;) {
      const p = { n, iterations, a: 0.999, b: 0.001 };
      const { medianMs } = await timeGpuWork(gpu, (b) => encodePeakFma(b, out, p), TIMING);
      const grown = n < maxInvocations || iterations < 4096;
      if (medianMs >= targetMs || !grown) return peakFmaFlops(n, iterations) / (medianMs * 1e6);
      const factor = Math.min(16, Math.max(2, Math.ceil(targetMs / Math.max(medianMs, 0.01))));
      if (n < maxInvocations) n = Math.min(maxInvocations, n * factor);
      else iterations = Math.min(4096, iterations * factor);
    }
  } finally {
    gpu.destroyBuffer(out);
  }
}

async function measureCopy(gpu: Gpu, targetMs: number): Promise<number> {
  const limit = Math.min(
    gpu.device.limits.maxStorageBufferBindingSize,
    gpu.device.limits.maxBufferSize,
    1 << 30,
  );
  let bytes = 1 << 22;
  for (;;) {
    const src = gpu.storage('copy src', bytes);
    const dst = gpu.storage('copy dst', bytes);
    try {
      const { medianMs } = await timeGpuWork(gpu, (b) => encodeCopyVec4(b, src, dst, bytes / 16), TIMING);
      if (medianMs >= targetMs || bytes * 2 > limit) return (2 * bytes) / (medianMs * 1e6);
      bytes = Math.min(
        2 ** Math.floor(Math.log2(limit)),
        bytes * Math.max(2, 2 ** Math.ceil(Math.log2(targetMs / Math.max(medianMs, 0.01)))),
      );
    } finally {
      gpu.destroyBuffer(src);
      gpu.destroyBuffer(dst);
    }
  }
}
