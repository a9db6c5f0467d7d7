import { generateDataset, type SizePreset } from '../data/generators/index';
import type { Gpu } from '../gpu/runtime';
import { averageNeighbours, batchStructures } from '../models/graph-batch';
import { createModel, MODEL_KINDS, type ModelKind } from '../models/index';
import { NEQUIP_DEFAULTS } from '../models/nequip';
import { TP_KINDS, type TpKind } from '../nn/tensor-product-layer';
import { checkpointOf, checkpointToJson } from '../train/checkpoint';
import { evaluate, invarianceError } from '../train/evaluate';
import { type LossPoint, Trainer, type TrainProgress } from '../train/trainer';
import { InputError } from './sh-service';

export const TRAIN_DATASETS = ['tetris'] as const;
export type TrainDataset = (typeof TRAIN_DATASETS)[number];

export interface TrainRequest {
  dataset: TrainDataset;
  model: ModelKind;
  /** nequip only: the edge product (default cg). */
  tp?: TpKind;
  steps?: number;
  /** Seeds the data, the initial weights, batches and evaluation rotations. */
  seed?: number;
  lr?: number;
  batchSize?: number;
  /** Random rotations of the training inputs every step. */
  augment?: boolean;
  logEvery?: number;
  /** Size preset of the data set's splits (default ci). */
  preset?: SizePreset;
  /** Overrides of the model config (e.g. {channels: 8, lmax: 1}). */
  modelConfig?: Record<string, unknown>;
  /** Include the final checkpoint (JSON-ready) in the report. */
  checkpoint?: boolean;
}

export interface TrainReport {
  dataset: TrainDataset;
  /** The model's short name (docs/models.md). */
  model: string;
  parameters: number;
  steps: number;
  /** Wall-clock seconds of the training loop (data, model set-up and evaluation excluded). */
  seconds: number;
  /** The last training loss read back. */
  train_loss: number;
  /** Accuracy on the test split, every sample under a fresh random rotation. */
  test_accuracy: number;
  /** ‖f(R·x) − f(x)‖/‖f(x)‖ of the test logits under random rotations. */
  equivariance_error: number;
  /** confusion[label][predicted] on the rotated test split. */
  confusion: number[][];
  losses: LossPoint[];
  checkpoint?: Record<string, unknown>;
}

/** Per-model defaults that train Tetris in about a hundred steps (docs/results.md). */
const LR: Record<ModelKind, number> = { nequip: 0.05, mlp: 0.01 };

function positiveInt(name: string, v: number | undefined, fallback: number): number {
  const value = v ?? fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new InputError(`${name} must be a positive integer (got ${v})`);
  return value;
}

/** Generates the data set, builds the model, trains, evaluates on rotated test shapes. */
export async function trainOf(
  r: TrainRequest,
  gpu: Gpu,
  onProgress?: (p: TrainProgress) => void,
  signal?: AbortSignal,
): Promise<TrainReport> {
  if (!TRAIN_DATASETS.includes(r.dataset))
    throw new InputError(`dataset must be one of ${TRAIN_DATASETS.join(', ')}`);
  if (!MODEL_KINDS.includes(r.model)) throw new InputError(`model must be one of ${MODEL_KINDS.join(', ')}`);
  if (r.tp !== undefined && !TP_KINDS.includes(r.tp))
    throw new InputError(`tp must be one of ${TP_KINDS.join(', ')}`);
  if (r.tp !== undefined && r.model !== 'nequip') throw new InputError('tp applies to the nequip model only');
  const seed = r.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0)
    throw new InputError(`seed must be an integer ≥ 0 (got ${r.seed})`);
  const lr = r.lr ?? LR[r.model];
  if (!(lr > 0 && Number.isFinite(lr))) throw new InputError(`lr must be a positive number (got ${r.lr})`);
  const steps = positiveInt('steps', r.steps, 100);

  const data = generateDataset(r.dataset, { seed }, r.preset ?? 'ci');
  const config: Record<string, unknown> = { seed, numClasses: data.numClasses ?? 1, ...r.modelConfig };
  if (r.model === 'nequip') {
    const cutoff = (config.cutoff as number | undefined) ?? NEQUIP_DEFAULTS.cutoff;
    config.tp = r.tp ?? config.tp ?? 'cg';
    config.numSpecies = data.numSpecies;
    config.avgNumNeighbors ??= averageNeighbours([
      batchStructures(
        data.train.map((s) => s.structure),
        cutoff,
      ),
    ]);
  }
  const model = createModel(gpu, r.model, config);
  const trainer = new Trainer(gpu, model, data.train, {
    steps,
    lr,
    seed,
    augment: r.augment ?? false,
    batchSize: positiveInt('batchSize', r.batchSize, data.train.length),
    logEvery: positiveInt('logEvery', r.logEvery, 10),
  });
  try {
    const started = performance.now();
    await trainer.run(onProgress, signal);
    const seconds = (performance.now() - started) / 1000;
    const report = await evaluate(gpu, model, data.test, { seed });
    return {
      dataset: r.dataset,
      model: model.name,
      parameters: model.parameters.reduce((s, t) => s + t.size, 0),
      steps: trainer.step,
      seconds,
      train_loss: trainer.lastLoss,
      test_accuracy: report.accuracy,
      equivariance_error: await invarianceError(gpu, model, data.test, seed),
      confusion: report.confusion,
      losses: trainer.losses,
      ...(r.checkpoint ? { checkpoint: checkpointToJson(await checkpointOf(trainer)) } : {}),
    };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}
