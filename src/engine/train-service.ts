import { generateDataset, type SizePreset } from '../data/generators/index';
import type { Dataset, Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { averageNeighbours, batchStructures } from '../models/graph-batch';
import { createModel, MODEL_KINDS, type Model, type ModelKind } from '../models/index';
import { NEQUIP_DEFAULTS } from '../models/nequip';
import { TP_KINDS, type TpKind } from '../nn/tensor-product-layer';
import { type Checkpoint, checkpointOf, checkpointToJson } from '../train/checkpoint';
import { evaluate, evaluateRegression, invarianceError } from '../train/evaluate';
import { type LossPoint, Trainer, type TrainProgress } from '../train/trainer';
import { InputError } from './sh-service';

export const TRAIN_DATASETS = ['tetris', 'nbody', 'md'] as const;
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
  /** md only: weight of the force term of the loss (default 1; 0 trains on energies alone). */
  forceWeight?: number;
  /** Overrides of the model config (e.g. {channels: 8, lmax: 1}). */
  modelConfig?: Record<string, unknown>;
  /** Include the final checkpoint (JSON-ready) in the report. */
  checkpoint?: boolean;
}

/** Held-out metrics, every test sample under a fresh random rotation; which keys depends on the task. */
export interface TrainMetrics {
  /** Tetris: accuracy on the rotated test split. */
  test_accuracy?: number;
  /** confusion[label][predicted] (classification). */
  confusion?: number[][];
  /** N-body: MSE of the predicted positions. */
  test_mse?: number;
  /** md: mean absolute errors of energies and force components. */
  energy_mae?: number;
  force_mae?: number;
  /** ‖f(R·x) − ρ(R)f(x)‖/‖f(x)‖ of the test outputs under random rotations. */
  equivariance_error: number;
}

export interface TrainReport extends TrainMetrics {
  dataset: TrainDataset;
  /** The model's short name (docs/models.md). */
  model: string;
  parameters: number;
  steps: number;
  /** Wall-clock seconds of the training loop (data, model set-up and evaluation excluded). */
  seconds: number;
  /** The last training loss read back. */
  train_loss: number;
  losses: LossPoint[];
  checkpoint?: Record<string, unknown>;
}

/** Per-model learning rates that train the CI-sized sets in a few hundred steps (docs/results.md). */
const LR: Record<string, number> = { nequip: 0.05, mlp: 0.01, egnn: 0.005, facet: 0.02 };
/** Different tasks want gentler steps than Tetris's whole-set classification. */
const LR_FACTOR: Record<TrainDataset, number> = { tetris: 1, nbody: 0.2, md: 0.2 };

function positiveInt(name: string, v: number | undefined, fallback: number): number {
  const value = v ?? fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new InputError(`${name} must be a positive integer (got ${v})`);
  return value;
}

function validate(r: TrainRequest): void {
  if (!TRAIN_DATASETS.includes(r.dataset))
    throw new InputError(`dataset must be one of ${TRAIN_DATASETS.join(', ')}`);
  if (!MODEL_KINDS.includes(r.model)) throw new InputError(`model must be one of ${MODEL_KINDS.join(', ')}`);
  if (r.tp !== undefined && !TP_KINDS.includes(r.tp))
    throw new InputError(`tp must be one of ${TP_KINDS.join(', ')}`);
  if (r.tp !== undefined && r.model !== 'nequip') throw new InputError('tp applies to the nequip model only');
  const seed = r.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0)
    throw new InputError(`seed must be an integer ≥ 0 (got ${r.seed})`);
  if (r.lr !== undefined && !(r.lr > 0 && Number.isFinite(r.lr)))
    throw new InputError(`lr must be a positive number (got ${r.lr})`);
  if (r.forceWeight !== undefined && !(r.forceWeight >= 0 && Number.isFinite(r.forceWeight)))
    throw new InputError(`forceWeight must be a number ≥ 0 (got ${r.forceWeight})`);
}

function rms(values: Iterable<number>): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    sum += v * v;
    n++;
  }
  return n ? Math.sqrt(sum / n) : 1;
}

/**
 * The model config a data set implies: the task, species, classes; for energy models a per-atom
 * energy shift (mean E/atoms) and scale (RMS force), NequIP's normalisation; for graph models the
 * cutoff (n-body: larger than any pair distance, so the 5 particles are fully connected) and the
 * mean neighbour count. The request's `modelConfig` overrides any of it.
 */
export function modelConfigFor(r: TrainRequest, data: Dataset): Record<string, unknown> {
  const train = data.train;
  const config: Record<string, unknown> = {
    seed: r.seed ?? 0,
    task: data.task,
    numSpecies: data.numSpecies,
    numClasses: data.numClasses ?? 1,
    numPoints: train[0]?.structure.species.length ?? 0,
  };
  if (data.task === 'regression') Object.assign(config, { velocities: true, cutoff: 15, radialBasis: 8 });
  if (data.task === 'forces') {
    const atoms = (s: Sample) => s.structure.species.length;
    config.energyShift =
      train.reduce((sum, s) => sum + (s.energy ?? 0) / atoms(s), 0) / Math.max(1, train.length);
    config.energyScale = rms(train.flatMap((s) => Array.from(s.forces ?? [])));
    config.cutoff = 3;
  }
  if (r.model === 'nequip') config.tp = r.tp ?? 'cg';
  Object.assign(config, r.modelConfig);
  if (r.model === 'nequip' || r.model === 'facet') {
    const cutoff = (config.cutoff as number | undefined) ?? NEQUIP_DEFAULTS.cutoff;
    config.avgNumNeighbors ??= averageNeighbours([
      batchStructures(
        train.map((s) => s.structure),
        cutoff,
      ),
    ]);
  }
  return config;
}

/**
 * A training run kept alive between calls: its data, model and trainer, so a UI can step, pause,
 * evaluate and checkpoint it. `dispose()` frees the GPU memory.
 */
export class TrainRun {
  readonly data: Dataset;
  readonly model: Model;
  readonly trainer: Trainer;
  readonly seed: number;

  constructor(
    readonly request: TrainRequest,
    readonly gpu: Gpu,
  ) {
    validate(request);
    this.seed = request.seed ?? 0;
    const steps = positiveInt('steps', request.steps, 100);
    this.data = generateDataset(request.dataset, { seed: this.seed }, request.preset ?? 'ci');
    this.model = createModel(gpu, request.model, modelConfigFor(request, this.data));
    // Tetris trains on its whole (canonical) set each step; force matching runs 3 passes per step.
    const defaultBatch = { tetris: this.data.train.length, nbody: 32, md: 8 }[request.dataset];
    try {
      this.trainer = new Trainer(gpu, this.model, this.data.train, {
        steps,
        lr: request.lr ?? LR[request.model] * LR_FACTOR[request.dataset],
        seed: this.seed,
        augment: request.augment ?? false,
        batchSize: positiveInt('batchSize', request.batchSize, defaultBatch),
        logEvery: positiveInt('logEvery', request.logEvery, 10),
        forceWeight: request.forceWeight ?? 1,
      });
    } catch (e) {
      this.model.dispose();
      throw e;
    }
  }

  /** Held-out metrics on the rotated test split, and the equivariance error. */
  async metrics(): Promise<TrainMetrics> {
    const { gpu, model, data, seed } = this;
    const equivariance_error = await invarianceError(gpu, model, data.test, seed);
    if (model.task === 'classification') {
      const report = await evaluate(gpu, model, data.test, { seed });
      return { test_accuracy: report.accuracy, confusion: report.confusion, equivariance_error };
    }
    const report = await evaluateRegression(gpu, model, data.test, { seed });
    return model.task === 'regression'
      ? { test_mse: report.mse, equivariance_error }
      : { energy_mae: report.energyMae, force_mae: report.forceMae, equivariance_error };
  }

  checkpoint(): Promise<Checkpoint> {
    return checkpointOf(this.trainer);
  }

  dispose(): void {
    this.trainer.dispose();
    this.model.dispose();
  }
}

/** Generates the data set, builds the model, trains, evaluates on the rotated test split. */
export async function trainOf(
  r: TrainRequest,
  gpu: Gpu,
  onProgress?: (p: TrainProgress) => void,
  signal?: AbortSignal,
): Promise<TrainReport> {
  const run = new TrainRun(r, gpu);
  try {
    const started = performance.now();
    await run.trainer.run(onProgress, signal);
    const seconds = (performance.now() - started) / 1000;
    const metrics = await run.metrics();
    return {
      dataset: r.dataset,
      model: run.model.name,
      parameters: run.model.parameters.reduce((s, t) => s + t.size, 0),
      steps: run.trainer.step,
      seconds,
      train_loss: run.trainer.lastLoss,
      ...metrics,
      losses: run.trainer.losses,
      ...(r.checkpoint ? { checkpoint: checkpointToJson(await run.checkpoint()) } : {}),
    };
  } finally {
    run.dispose();
  }
}
