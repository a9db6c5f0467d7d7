import { type TrainDataset, type TrainRequest, TrainRun } from '../engine/train-service';
import type { Gpu } from '../gpu/runtime';
import type { ModelKind } from '../models/model';
import { evaluate } from '../train/evaluate';

export interface TrainBenchOptions {
  datasets: TrainDataset[];
  models: ModelKind[];
  /** Untimed steps first (pipeline compilation, pool warm-up). */
  warmup: number;
  /** Timed steps per (data set, model). */
  steps: number;
  /** Model config overrides per kind (the defaults otherwise). */
  modelConfig?: Partial<Record<ModelKind, Record<string, unknown>>>;
}

export interface TrainBenchRow {
  dataset: TrainDataset;
  kind: ModelKind;
  model: string;
  parameters: number;
  batch: number;
  steps: number;
  ms_per_step: number;
  steps_per_second: number;
}

/** Wall-clock seconds of `steps` training steps after `warmup` untimed ones (GPU work included). */
async function timeSteps(run: TrainRun, warmup: number, steps: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await run.trainer.trainStep();
  await run.gpu.finish();
  const started = performance.now();
  for (let i = 0; i < steps; i++) await run.trainer.trainStep();
  await run.gpu.finish();
  return (performance.now() - started) / 1000;
}

/**
 * Training throughput of every (data set, model) pair with the data set's default batch: the
 * engine's own training step (forward, backward, Adam; force matching's two passes for md), timed
 * side by side in one process. The loss is read back only at the end, as in training.
 */
export async function runTrainBenchmark(
  gpu: Gpu,
  options: TrainBenchOptions,
  onRow?: (row: TrainBenchRow) => void,
): Promise<TrainBenchRow[]> {
  const rows: TrainBenchRow[] = [];
  for (const dataset of options.datasets)
    for (const kind of options.models) {
      const total = options.warmup + options.steps;
      const request: TrainRequest = {
        dataset,
        model: kind,
        steps: total,
        logEvery: total,
        modelConfig: options.modelConfig?.[kind],
      };
      const run = new TrainRun(request, gpu);
      try {
        const seconds = await timeSteps(run, options.warmup, options.steps);
        const row: TrainBenchRow = {
          dataset,
          kind,
          model: run.model.name,
          parameters: run.model.parameters.reduce((s, t) => s + t.size, 0),
          batch: run.trainer.config.batchSize,
          steps: options.steps,
          ms_per_step: (1000 * seconds) / options.steps,
          steps_per_second: options.steps / seconds,
        };
        rows.push(row);
        onRow?.(row);
      } finally {
        run.dispose();
      }
    }
  return rows;
}

export interface TimeToAccuracy {
  model: string;
  /** Training seconds (evaluations excluded) until the rotated test split was all correct. */
  seconds: number | null;
  steps: number | null;
  /** Accuracy at the last evaluation. */
  accuracy: number;
}

/**
 * Trains a Tetris model, evaluating on the rotated test split every `evalEvery` steps, until it
 * classifies every test shape correctly or `maxSteps` pass. Only the training steps are timed.
 */
export async function timeToFullTetrisAccuracy(
  gpu: Gpu,
  request: Omit<TrainRequest, 'dataset' | 'steps'>,
  evalEvery: number,
  maxSteps: number,
): Promise<TimeToAccuracy> {
  const run = new TrainRun({ ...request, dataset: 'tetris', steps: maxSteps, logEvery: evalEvery }, gpu);
  try {
    let seconds = 0;
    let accuracy = 0;
    while (run.trainer.step < maxSteps) {
      seconds += await timeSteps(run, 0, Math.min(evalEvery, maxSteps - run.trainer.step));
      accuracy = (await evaluate(gpu, run.model, run.data.test, { seed: run.seed })).accuracy;
      if (accuracy === 1) return { model: run.model.name, seconds, steps: run.trainer.step, accuracy };
    }
    return { model: run.model.name, seconds: null, steps: null, accuracy };
  } finally {
    run.dispose();
  }
}

/** The rows as a Markdown table. */
export function formatTrainBenchTable(rows: readonly TrainBenchRow[]): string {
  return [
    '| data set | model | parameters | batch | ms/step | steps/s |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.dataset} | ${r.model} | ${r.parameters} | ${r.batch} | ${r.ms_per_step.toFixed(1)} | ${r.steps_per_second.toPrecision(3)} |`,
    ),
  ].join('\n');
}
