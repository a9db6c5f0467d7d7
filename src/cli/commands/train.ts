import { writeFile } from 'node:fs/promises';
import { InputError } from '../../engine/sh-service';
import { TRAIN_DATASETS, type TrainDataset } from '../../engine/train-service';
import { MODEL_KINDS, type ModelKind } from '../../models/index';
import { TP_KINDS, type TpKind } from '../../nn/tensor-product-layer';
import { type Options, UsageError } from '../args';
import { writeJson } from '../io';
import type { Command } from '../main';
import { withNodeEngine } from '../node-engine';

function positiveNumber(options: Options, key: string): number | undefined {
  const v = options.string(key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--${key} must be a positive number (got "${v}")`);
  return n;
}

/**
 * Model config overrides: --channels, --lmax, --layers (nequip, facet), --hidden N and --layers
 * (egnn), --hidden 64,64 (mlp).
 */
function modelConfig(options: Options, model: ModelKind): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) config[key] = value;
  };
  const int = (key: string, range: [number, number]) =>
    options.string(key) === undefined ? undefined : options.int(key, range);
  if (model === 'nequip' || model === 'facet') {
    set('channels', int('channels', [1, 256]));
    set('lmax', int('lmax', [0, 6]));
    set('layers', int('layers', [1, 16]));
  } else if (model === 'egnn') {
    set('hidden', int('hidden', [1, 1024]));
    set('layers', int('layers', [1, 16]));
  } else {
    const hidden = options.string('hidden');
    if (hidden !== undefined) {
      const widths = hidden.split(',').map(Number);
      if (!widths.every((w) => Number.isInteger(w) && w > 0))
        throw new UsageError(`--hidden must be comma-separated positive integers (got "${hidden}")`);
      config.hidden = widths;
    }
  }
  return config;
}

/**
 * `train --dataset tetris|nbody|md --model nequip|egnn|facet|mlp [--tp cg|gaunt-fft|gaunt-grid|gaunt-direct]
 *  [--steps N] [--seed S] [--lr X] [--batch-size N] [--augment] [--force-weight W]
 *  [--channels C --lmax L --layers K | --hidden N --layers K (egnn) | --hidden 64,64 (mlp)] [--preset ci|full] [--log-every N] [--save FILE]`
 * Progress on stderr; one JSON object on stdout: {"steps", "seconds", "train_loss", then
 * "test_accuracy" (tetris) or "test_mse" (nbody) or "energy_mae" and "force_mae" (md),
 * "equivariance_error", "model", "dataset"}.
 * `--save` writes the final checkpoint (config, weights, optimizer state) as JSON.
 */
export const trainCommand: Command = {
  summary: 'train a model on a generated data set (tetris | nbody | md); JSON report on stdout',
  async run(options) {
    const dataset = options.choice<TrainDataset>('dataset', TRAIN_DATASETS, 'tetris');
    const model = options.choice<ModelKind>('model', MODEL_KINDS, 'nequip');
    const tp = options.string('tp') === undefined ? undefined : options.choice<TpKind>('tp', TP_KINDS, 'cg');
    if (tp !== undefined && model !== 'nequip') throw new UsageError('--tp applies to --model nequip only');
    const steps = options.int('steps', [1, 1_000_000], 100);
    const seed = options.int('seed', [0, 2 ** 31 - 1], 0);
    const lr = positiveNumber(options, 'lr');
    const augment = options.flag('augment');
    const preset = options.choice('preset', ['ci', 'full'] as const, 'ci');
    const logEvery = options.int('log-every', [1, 1_000_000], 10);
    const forceWeight =
      options.string('force-weight') === undefined ? undefined : Number(options.string('force-weight'));
    if (forceWeight !== undefined && !(forceWeight >= 0 && Number.isFinite(forceWeight)))
      throw new UsageError(`--force-weight must be a number ≥ 0 (got "${options.string('force-weight')}")`);
    const batchSize =
      options.string('batch-size') === undefined ? undefined : options.int('batch-size', [1, 100_000]);
    const save = options.string('save');
    const config = modelConfig(options, model);
    options.rejectUnknown();

    const report = await withNodeEngine((engine) =>
      engine
        .train(
          {
            dataset,
            model,
            tp,
            steps,
            seed,
            lr,
            augment,
            preset,
            logEvery,
            forceWeight,
            batchSize,
            modelConfig: config,
            checkpoint: !!save,
          },
          (p) =>
            process.stderr.write(
              `step ${p.step}/${p.steps}  loss ${p.loss.toFixed(4)}  ${p.seconds.toFixed(1)} s\n`,
            ),
        )
        .catch((e: unknown) => {
          throw e instanceof InputError ? new UsageError(e.message) : e;
        }),
    );
    if (save) await writeFile(save, `${JSON.stringify(report.checkpoint)}\n`);
    // Only the metrics of the data set's task appear (accuracy, or MSE, or energy/force MAE).
    const metrics = Object.fromEntries(
      (['test_accuracy', 'test_mse', 'energy_mae', 'force_mae'] as const)
        .filter((k) => report[k] !== undefined)
        .map((k) => [k, report[k]]),
    );
    process.stderr.write(
      `${report.model}: ${Object.entries(metrics)
        .map(([k, v]) => `${k} ${Number(v).toPrecision(4)}`)
        .join(', ')}\n`,
    );
    writeJson({
      steps: report.steps,
      seconds: report.seconds,
      train_loss: report.train_loss,
      ...metrics,
      equivariance_error: report.equivariance_error,
      model: report.model,
      dataset: report.dataset,
    });
  },
};
