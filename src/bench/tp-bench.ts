import type { Gpu } from '../gpu/runtime';
import { measurePeak, type PeakReport } from './peak';
import { DEFAULT_TIMING, type TimingOptions, timeCpuWork, timeGpuWork } from './timing';
import { BENCH_METHODS, type BenchMethod, type BenchSetting, makeBenchCase } from './tp-bench-cases';

export interface TpBenchOptions {
  lmaxes: number[];
  batch: number;
  channels: number;
  settings: BenchSetting[];
  methods: BenchMethod[];
  /** The float64 twin is slow; it runs on at most this many samples (its row says how many). */
  cpuBatch: number;
  timing: TimingOptions;
}

export interface TpBenchRow {
  method: BenchMethod;
  lmax: number;
  setting: BenchSetting;
  batch: number;
  channels: number;
  fwd_ms: number;
  fwdbwd_ms: number;
  /** FLOPs this method's algorithm performs (not a common nominal count). */
  flops_fwd: number;
  flops_fwdbwd: number;
  /** Achieved forward GFLOP/s. */
  gflops: number;
  fwdbwd_gflops: number;
  /** gflops / the adapter's measured FMA peak (GPU methods only). */
  peak_fraction: number | null;
  timing: 'timestamp' | 'wall' | 'cpu';
}

export interface TpBenchReport {
  adapter: { name: string; vendor: string; architecture: string; isFallback: boolean };
  peak: PeakReport;
  options: Omit<TpBenchOptions, 'timing'>;
  date: string;
  rows: TpBenchRow[];
}

/** Sizes that finish a full run in minutes on a software adapter and saturate a real GPU. */
export function defaultBenchOptions(isFallback: boolean): TpBenchOptions {
  return {
    lmaxes: [1, 2, 3, 4, 5, 6, 7, 8],
    batch: isFallback ? 16 : 4096,
    channels: isFallback ? 4 : 32,
    settings: ['siso', 'mimo'],
    methods: [...BENCH_METHODS],
    cpuBatch: isFallback ? 4 : 64,
    timing: isFallback ? { warmup: 1, maxRepeats: 5, budgetMs: 400 } : DEFAULT_TIMING,
  };
}

export interface BenchProgress {
  done: number;
  total: number;
  label: string;
  row?: TpBenchRow;
}

/**
 * Times every (setting, lmax, method) forward and forward+backward in one run, next to the
 * adapter's peak measured by the same run, so the rows compare as ratios on one adapter.
 */
export async function runTpBenchmark(
  gpu: Gpu,
  options: TpBenchOptions,
  onProgress: (p: BenchProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<TpBenchReport> {
  const total = 1 + options.settings.length * options.lmaxes.length * options.methods.length;
  let done = 0;
  onProgress({ done, total, label: 'measuring the adapter peak' });
  const peak = await measurePeak(gpu);
  onProgress({ done: ++done, total, label: 'peak measured' });
  const rows: TpBenchRow[] = [];
  for (const setting of options.settings) {
    for (const lmax of options.lmaxes) {
      for (const method of options.methods) {
        signal?.throwIfAborted();
        const batch = method === 'cpu' ? Math.min(options.cpuBatch, options.batch) : options.batch;
        const row = await measureRow(
          gpu,
          method,
          setting,
          lmax,
          options.channels,
          batch,
          options.timing,
          peak,
        );
        rows.push(row);
        onProgress({ done: ++done, total, label: `${setting} L=${lmax} ${method}`, row });
      }
    }
  }
  const r = gpu.report;
  const { timing: _timing, ...rest } = options;
  return {
    adapter: { name: r.name, vendor: r.vendor, architecture: r.architecture, isFallback: r.isFallback },
    peak,
    options: rest,
    date: new Date().toISOString(),
    rows,
  };
}

async function measureRow(
  gpu: Gpu,
  method: BenchMethod,
  setting: BenchSetting,
  lmax: number,
  channels: number,
  batch: number,
  timing: TimingOptions,
  peak: PeakReport,
): Promise<TpBenchRow> {
  const c = makeBenchCase(gpu, method, setting, lmax, channels, batch, 1000 * lmax + channels);
  try {
    let fwd: number;
    let fwdbwd: number;
    let source: TpBenchRow['timing'];
    if (c.runCpu) {
      fwd = timeCpuWork(c.runCpu.forward, timing).medianMs;
      fwdbwd = timeCpuWork(c.runCpu.forwardBackward, timing).medianMs;
      source = 'cpu';
    } else {
      const f = await timeGpuWork(gpu, c.encodeForward, timing);
      const fb = await timeGpuWork(gpu, c.encodeForwardBackward, timing);
      fwd = f.medianMs;
      fwdbwd = fb.medianMs;
      source = f.source === 'wall' || fb.source === 'wall' ? 'wall' : 'timestamp';
    }
    const gflops = c.flopsForward / (fwd * 1e6);
    return {
      method,
      lmax,
      setting,
      batch,
      channels,
      fwd_ms: fwd,
      fwdbwd_ms: fwdbwd,
      flops_fwd: c.flopsForward,
      flops_fwdbwd: c.flopsForward + c.flopsBackward,
      gflops,
      fwdbwd_gflops: (c.flopsForward + c.flopsBackward) / (fwdbwd * 1e6),
      peak_fraction: method === 'cpu' ? null : gflops / peak.fma_gflops,
      timing: source,
    };
  } finally {
    c.dispose();
  }
}
