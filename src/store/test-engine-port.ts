import type { TpBenchRow } from '../bench/tp-bench';
import type {
  BenchProgress,
  EngineApi,
  ExpressivityReport,
  RadiusGraphResult,
  SessionMetrics,
  StructureParseResult,
  TpBenchOptions,
  TpBenchReport,
  TrainControlResult,
  TrainEvent,
  TrainRequest,
  TrainRunInfo,
  TrainRunJson,
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
  const graphs: { positions: Float64Array; cutoff: number; resolve: (r: RadiusGraphResult) => void }[] = [];
  let cancels = 0;
  const unused = async (): Promise<never> => {
    throw new Error('not used by this test');
  };
  const training = fakeTrainingEngine();
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
    probe: unused,
    infer: unused,
    cancelProbe: () => {},
    ...training.api,
    radiusGraph: (positions, cutoff) =>
      new Promise((resolve) => {
        graphs.push({ positions, cutoff, resolve });
      }),
    structureFromSmiles: (smiles, seed) =>
      new Promise((resolve, reject) =>
        structures.push({ name: `smiles:${smiles}`, data: String(seed), resolve, reject }),
      ),
  };
  const port: EnginePort = {
    engine,
    whenReady: async () => ({ kind: 'ready', report: TEST_ADAPTER }),
    onGpuEvent: () => () => {},
  };
  return { port, benches, expressivity, structures, graphs, training, cancels: () => cancels };
}

export const TEST_TRAIN_METRICS: SessionMetrics = {
  test_accuracy: 0.75,
  equivariance_error: 2e-7,
  float32_floor: 1e-7,
};

/**
 * The engine's training session in miniature: one run, a step counter the test moves with
 * `emitStep`, and every control call logged. Checkpoints are `{step}` so a restore shows where it resumes.
 */
export function fakeTrainingEngine() {
  const calls: string[] = [];
  let runId = 0;
  let request: TrainRequest | null = null;
  let step = 0;
  let running = false;
  let listener: (e: TrainEvent) => void = () => {};
  let failNext: Error | null = null;
  const steps = () => request?.steps ?? 100;
  const info = (): TrainRunInfo => ({
    runId,
    request: { ...(request as TrainRequest) },
    model: `${request?.model}-test`,
    parameters: 42,
    step,
    steps: steps(),
    lr: request?.lr ?? 0.05,
    batchSize: request?.batchSize ?? 8,
    logEvery: request?.logEvery ?? 10,
    metricsEvery: 10,
    losses: Array.from({ length: step }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) })),
    elapsed: step / 10,
  });
  const control = (metrics?: SessionMetrics): TrainControlResult => ({
    runId,
    step,
    steps: steps(),
    running,
    ...(metrics ? { metrics } : {}),
  });
  const guard = (name: string) => {
    calls.push(name);
    if (failNext) {
      const e = failNext;
      failNext = null;
      throw e;
    }
  };
  const api: Pick<
    EngineApi,
    | 'trainStart'
    | 'trainPause'
    | 'trainResume'
    | 'trainStep'
    | 'trainReset'
    | 'trainCheckpoint'
    | 'trainRestore'
  > = {
    trainStart: async (r, onEvent, options) => {
      guard(`start ${r.dataset}/${r.model}${options?.paused ? ' paused' : ''}`);
      request = { ...r };
      runId++;
      step = 0;
      running = !options?.paused;
      listener = onEvent;
      return info();
    },
    trainPause: async () => {
      guard('pause');
      running = false;
      return control(TEST_TRAIN_METRICS);
    },
    trainResume: async () => {
      guard('resume');
      running = true;
      return control();
    },
    trainStep: async () => {
      guard('step');
      step++;
      return control(TEST_TRAIN_METRICS);
    },
    trainReset: async () => {
      guard('reset');
      runId++;
      step = 0;
      running = false;
      return info();
    },
    trainCheckpoint: async () => {
      guard('checkpoint');
      return {
        format: 'gauntlet-train-run-1',
        request: { ...(request as TrainRequest) },
        elapsed: step / 10,
        checkpoint: { step },
      };
    },
    trainRestore: async (json, onEvent) => {
      guard('restore');
      const saved = json as TrainRunJson;
      request = { ...saved.request };
      step = (saved.checkpoint as { step: number }).step;
      runId++;
      running = false;
      listener = onEvent;
      return info();
    },
  };
  return {
    api,
    calls,
    runId: () => runId,
    /** The loop reads a loss back at `to` (default: the next step). */
    emitStep(to = step + 1, loss = 1 / to) {
      step = to;
      listener({ kind: 'step', runId, step, steps: steps(), loss, stepsPerSecond: 5, elapsed: step / 10 });
    },
    emit(event: TrainEvent) {
      listener(event);
    },
    finish() {
      step = steps();
      running = false;
      listener({
        kind: 'metrics',
        runId,
        step,
        metrics: { test_accuracy: 1, equivariance_error: 1e-7, float32_floor: 1e-7 },
      });
      listener({ kind: 'stopped', runId, reason: 'finished', step });
    },
    failNextCall(error: Error) {
      failNext = error;
    },
  };
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
