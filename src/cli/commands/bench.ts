import { writeFileSync } from 'node:fs';
import { formatTpBenchTable } from '../../bench/format-table';
import { defaultBenchOptions, runTpBenchmark } from '../../bench/tp-bench';
import { BENCH_METHODS, type BenchMethod, type BenchSetting } from '../../bench/tp-bench-cases';
import { formatTrainBenchTable, runTrainBenchmark, timeToFullTetrisAccuracy } from '../../bench/train-bench';
import { TRAIN_DATASETS, type TrainDataset } from '../../engine/train-service';
import { MODEL_KINDS, type ModelKind } from '../../models/model';
import { type Options, UsageError } from '../args';
import { writeJson } from '../io';
import type { Command } from '../main';
import { withNodeEngine } from '../node-engine';

/** "1..8", "4" or "1,3,5" → degrees, each 1..8 (the range the benchmark covers; Gaunt allows more). */
export function parseLmaxList(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  const values = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : text.split(',').map((s) => Number(s.trim()));
  if (!values.length || values.some((l) => !Number.isInteger(l) || l < 1 || l > 12)) {
    throw new UsageError(
      `--lmax takes a degree, a range like 1..8 or a list like 2,4,6 (each 1..12); got "${text}"`,
    );
  }
  return values;
}

function listOption<T extends string>(
  options: Options,
  key: string,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  const text = options.string(key);
  if (text === undefined) return fallback;
  const values = text.split(',').map((s) => s.trim()) as T[];
  const bad = values.find((v) => !allowed.includes(v));
  if (bad) throw new UsageError(`--${key}: "${bad}" is not one of ${allowed.join(', ')}`);
  return values;
}

/**
 * `bench train [--datasets tetris,nbody,md] [--models nequip,egnn,facet,mlp] [--steps N] [--warmup N]
 *  [--json FILE]`: training steps per second of each pair, then the time to 100% Tetris accuracy.
 */
async function benchTrain(options: Options): Promise<void> {
  const datasets = listOption<TrainDataset>(options, 'datasets', TRAIN_DATASETS, [...TRAIN_DATASETS]);
  const models = listOption<ModelKind>(options, 'models', MODEL_KINDS, [...MODEL_KINDS]);
  const steps = options.int('steps', [1, 100_000], 10);
  const warmup = options.int('warmup', [0, 1000], 2);
  const jsonFile = options.string('json');
  options.rejectUnknown();
  const report = await withNodeEngine(async (engine) => {
    const gpu = await engine.gpu();
    process.stderr.write(`benchmarking training on ${gpu.report.name}\n`);
    const rows = await runTrainBenchmark(gpu, { datasets, models, steps, warmup }, (r) =>
      process.stderr.write(`${r.dataset} ${r.model}: ${r.steps_per_second.toPrecision(3)} steps/s\n`),
    );
    const tetris = datasets.includes('tetris')
      ? await timeToFullTetrisAccuracy(gpu, { model: 'nequip', tp: 'cg' }, 10, 400)
      : null;
    return { adapter: gpu.report, rows, time_to_full_tetris_accuracy: tetris };
  });
  process.stderr.write(`${formatTrainBenchTable(report.rows)}\n`);
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  writeJson(report);
}

/** `bench tp [--lmax 1..8] [--batch N] [--channels C] [--settings siso,mimo] [--methods ...] [--json FILE]` */
export const benchCommand: Command = {
  summary: 'benchmarks: `bench tp` (CG, Gaunt-FFT, S2 grid across lmax), `bench train` (steps/s per model)',
  async run(options, rest) {
    if (rest[0] === 'train') return benchTrain(options);
    if (rest[0] !== 'tp')
      throw new UsageError(
        'usage: bench tp [--lmax 1..8] [--batch N] [--channels C] [--json FILE] | bench train',
      );
    const lmaxText = options.string('lmax');
    const batch = options.string('batch') === undefined ? undefined : options.int('batch', [1, 1 << 20]);
    const channels = options.string('channels') === undefined ? undefined : options.int('channels', [1, 512]);
    const settings = listOption<BenchSetting>(options, 'settings', ['siso', 'mimo'], ['siso', 'mimo']);
    const methods = listOption<BenchMethod>(options, 'methods', BENCH_METHODS, [...BENCH_METHODS]);
    const jsonFile = options.string('json');
    options.rejectUnknown();
    const report = await withNodeEngine(async (engine) => {
      const gpu = await engine.gpu();
      const defaults = defaultBenchOptions(gpu.report.isFallback);
      const run = {
        ...defaults,
        lmaxes: lmaxText ? parseLmaxList(lmaxText) : defaults.lmaxes,
        batch: batch ?? defaults.batch,
        channels: channels ?? defaults.channels,
        settings,
        methods,
      };
      process.stderr.write(
        `benchmarking on ${gpu.report.name}: batch ${run.batch}, ${run.channels} channels\n`,
      );
      return runTpBenchmark(gpu, run, (p) => process.stderr.write(`[${p.done}/${p.total}] ${p.label}\n`));
    });
    process.stderr.write(`${formatTpBenchTable(report)}\n`);
    if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    writeJson(report);
  },
};
