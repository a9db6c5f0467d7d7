import type { TpBenchRow } from '../bench/tp-bench';
import type {
  BenchProgress,
  EngineApi,
  ExpressivityReport,
  StructureParseResult,
  TpBenchOptions,
  TpBenchReport,
} from '../engine/types';
import type { KeyValueStorage } from './bench-storage';
import type { EnginePort } from './engine-port';

/** Test-only helpers: an in-thread engine whose slow calls (bench, expressivity) the test settles by hand. */

export const TEST_ADAPTER = {
  name: 'test adapter',
  vendor: 't',
  architecture: 'a',
  description: 'test',
  isFallback: true,
  features: [],
  limits: {},
};

export const TEST_BENCH_DEFAULTS: TpBenchOptions = {
  lmaxes: [1, 2, 3],
  batch: 16,
  channels: 4,
  settings: ['siso', 'mimo'],
  methods: ['cg', 'gaunt-fft', 'gaunt-grid', 'gaunt-direct', 'cpu'],
  cpuBatch: 4,
  timing: { warmup: 1, maxRepeats: 3, budgetMs: 10 },
};

export function benchRow(method: TpBenchRow['method'], lmax: number, fwd_ms = 1): TpBenchRow {
  return {
    method,
    lmax,
    setting: 'siso',
    batch: 16,
    channels: 4,
    fwd_ms,
    fwdbwd_ms: 3 * fwd_ms,
    flops_fwd: 1e6,
    flops_fwdbwd: 3e6,
    gflops: 1,
    fwdbwd_gflops: 1,
    peak_fraction: 0.1,
    timing: 'wall',
  };
}

export function benchReport(rows: TpBenchRow[]): TpBenchReport {
  const { timing: _timing, ...options } = TEST_BENCH_DEFAULTS;
  return {
    adapter: { name: 'test adapter', vendor: 't', architecture: 'a', isFallback: true },
    peak: { fma_gflops: 10, copy_gbps: 5 },
    options,
    date: '2025-01-02T03:04:05.000Z',
    rows,
  };
}

function abortError(): Error {
  const error = new Error('The benchmark was cancelled');
  error.name = 'AbortError';
  return error;
}

interface PendingBench {
  options: TpBenchOptions;
  progress: (p: BenchProgress) => void;
  resolve: (report: TpBenchReport) => void;
  reject: (error: Error) => void;
}

interface PendingExpressivity {
  pair: [string, string];
  resolve: (report: ExpressivityReport) => void;
  reject: (error: Error) => void;
}

interface PendingStructure {
  name: string;
  data: Uint8Array | string;
  resolve: (result: StructureParseResult) => void;
  reject: (error: Error) => void;
}

export function fakeEnginePort() {
  const structures: PendingStructure[] = [];
  const benches: PendingBench[] = [];
  const expressivity: PendingExpressivity[] = [];
  let cancels = 0;
  const unused = async (): Promise<never> => {
    throw new Error('not used by this test');
  };
  const engine: EngineApi = {
    adapter: async () => TEST_ADAPTER,
    sphericalHarmonics: unused,
    shField: unused,
    shEquivariance: unused,
    tensorProduct: unused,
    expressivity: (irrep1, irrep2) =>
      new Promise((resolve, reject) => expressivity.push({ pair: [irrep1, irrep2], resolve, reject })),
    benchDefaults: async () => TEST_BENCH_DEFAULTS,
    benchTp: (options, onProgress = () => {}) =>
      new Promise((resolve, reject) => benches.push({ options, progress: onProgress, resolve, reject })),
    // Like the engine: the run in flight rejects with an AbortError between rows.
    cancelBench: () => {
      cancels++;
      benches.at(-1)?.reject(abortError());
    },
    parseStructure: (name, data) =>
      new Promise((resolve, reject) => structures.push({ name, data, resolve, reject })),
  };
  const port: EnginePort = {
    engine,
    whenReady: async () => ({ kind: 'ready', report: TEST_ADAPTER }),
    onGpuEvent: () => () => {},
  };
  return { port, benches, expressivity, structures, cancels: () => cancels };
}

/** A Map-backed Storage stand-in. */
export function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
