import type { Batch } from '../gpu/batch';
import type { Gpu } from '../gpu/runtime';

export interface TimingOptions {
  /** Untimed runs first (pipeline compilation, caches). */
  warmup: number;
  /** Stop after this many timed runs... */
  maxRepeats: number;
  /** ...or once this much time has been spent, whichever comes first (at least 3 runs). */
  budgetMs: number;
}

export const DEFAULT_TIMING: TimingOptions = { warmup: 2, maxRepeats: 15, budgetMs: 1500 };

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median time of `encode`d work, one batch per run. GPU time from timestamp queries where the
 * adapter has them; otherwise wall time from submit to queue completion (includes dispatch overhead).
 */
export async function timeGpuWork(
  gpu: Gpu,
  encode: (batch: Batch) => void,
  options: TimingOptions = DEFAULT_TIMING,
): Promise<{ medianMs: number; runs: number; source: 'timestamp' | 'wall' }> {
  const runOnce = async (): Promise<{ ms: number; source: 'timestamp' | 'wall' }> => {
    const batch = gpu.batch();
    encode(batch);
    const started = performance.now();
    const gpuMs = await batch.submit(true);
    const wall = performance.now() - started;
    // A coarse software timer can read 0 for short work; the wall clock is then the honest figure.
    return gpuMs !== null && gpuMs > 0 ? { ms: gpuMs, source: 'timestamp' } : { ms: wall, source: 'wall' };
  };
  for (let i = 0; i < options.warmup; i++) await runOnce();
  const samples: number[] = [];
  let source: 'timestamp' | 'wall' = 'timestamp';
  const started = performance.now();
  while (
    samples.length < options.maxRepeats &&
    (samples.length < 3 || performance.now() - started < options.budgetMs)
  ) {
    const r = await runOnce();
    samples.push(r.ms);
    if (r.source === 'wall') source = 'wall';
  }
  return { medianMs: median(samples), runs: samples.length, source };
}

/**
 * Browsers coarsen performance.now() (100 µs in Chrome without cross-origin isolation), so one
 * sample must span several ticks to be a measurement rather than 0.
 */
const MIN_CPU_SAMPLE_MS = 1;

/** How many calls of `work` make one sample of at least MIN_CPU_SAMPLE_MS (after a warm-up call). */
function callsPerSample(work: () => void): number {
  work(); // the first call pays for compilation and allocation, and would make later calls look slow
  let calls = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) work();
    const elapsed = performance.now() - t;
    if (elapsed >= MIN_CPU_SAMPLE_MS || calls >= MAX_CALLS) return calls;
    calls *= elapsed > 0 ? Math.min(16, Math.ceil((2 * MIN_CPU_SAMPLE_MS) / elapsed)) : 16;
  }
}

const MAX_CALLS = 1 << 20;

/** Median wall time of one call of a synchronous CPU function (fast functions are timed in groups). */
export function timeCpuWork(
  work: () => void,
  options: TimingOptions = DEFAULT_TIMING,
): { medianMs: number; runs: number } {
  let calls = callsPerSample(work);
  const samples: number[] = [];
  const started = performance.now();
  while (
    samples.length < options.maxRepeats &&
    (samples.length < 3 || performance.now() - started < options.budgetMs)
  ) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) work();
    const elapsed = performance.now() - t;
    // Work that sped up after calibration (JIT tiers) is regrouped rather than read as ~0.
    if (elapsed < MIN_CPU_SAMPLE_MS / 2 && calls < MAX_CALLS) {
      calls *= 4;
      continue;
    }
    samples.push(elapsed / calls);
  }
  return { medianMs: median(samples), runs: samples.length };
}
