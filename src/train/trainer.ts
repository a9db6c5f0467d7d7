import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model, PreparedBatch } from '../models/model';
import type { ParameterSnapshot } from '../nn/parameters';
import { Context } from '../tensor/context';
import type { LrScheduleSpec } from '../tensor/lr-schedule';
import { Adam } from '../tensor/optim';
import { batchIndices, rotateSamples, STREAM, streamOf } from './batches';
import { classificationLoss } from './losses';

export interface TrainConfig {
  /** Total optimisation steps of the run. */
  steps: number;
  /** Samples per step; ≥ the training set means the whole set every step. */
  batchSize: number;
  /** Adam learning rate: a constant or a schedule spec (docs/autograd.md). */
  lr: number | LrScheduleSpec;
  weightDecay: number;
  /** Seeds batch order and augmentation (the model's own seed sets the initial weights). */
  seed: number;
  /** Turn every training sample by a fresh random rotation each step (data augmentation). */
  augment: boolean;
  /** Read the loss back every this many steps (and at the last); other steps never wait on the GPU. */
  logEvery: number;
}

export const TRAIN_DEFAULTS: TrainConfig = {
  steps: 200,
  batchSize: 64,
  lr: 0.01,
  weightDecay: 0,
  seed: 0,
  augment: false,
  logEvery: 10,
};

export interface LossPoint {
  /** Steps completed when this loss was measured (the loss is that of the step's forward pass). */
  step: number;
  loss: number;
}

export interface TrainProgress extends LossPoint {
  steps: number;
  seconds: number;
}

/** Optimizer and loop state: with the model snapshot, everything a resumed run needs. */
export interface TrainerState {
  step: number;
  adamStep: number;
  m: ParameterSnapshot;
  v: ParameterSnapshot;
  losses: LossPoint[];
}

/**
 * Adam on a model's classification loss, seeded and deterministic: the same model seed, data and
 * config give bitwise the same losses (kernels are atomics-free; batches, augmentations and
 * evaluation rotations come from streams of (seed, purpose, step)). One GPU submission per step;
 * the loss is read back only every `logEvery` steps.
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly optimizer: Adam;
  step = 0;
  readonly losses: LossPoint[] = [];
  private fixedBatch: PreparedBatch | null = null;

  constructor(
    readonly gpu: Gpu,
    readonly model: Model,
    readonly train: readonly Sample[],
    config: Partial<TrainConfig> = {},
  ) {
    this.config = { ...TRAIN_DEFAULTS, ...config };
    if (train.length === 0) throw new RangeError('Trainer: the training set is empty');
    if (!(Number.isInteger(this.config.logEvery) && this.config.logEvery >= 1))
      throw new RangeError(`Trainer: logEvery must be a positive integer, got ${this.config.logEvery}`);
    this.optimizer = new Adam(model.parameters, { lr: this.config.lr, weightDecay: this.config.weightDecay });
  }

  /** The batch of step `step`: reused when it is the whole, unaugmented training set. */
  private batchFor(step: number): { batch: PreparedBatch; owned: boolean } {
    const { batchSize, augment, seed } = this.config;
    if (!augment && batchSize >= this.train.length) {
      this.fixedBatch ??= this.model.prepare(this.train);
      return { batch: this.fixedBatch, owned: false };
    }
    let samples = batchIndices(seed, step, this.train.length, batchSize).map((i) => this.train[i]);
    if (augment) samples = rotateSamples(samples, streamOf(seed, STREAM.augment, step));
    return { batch: this.model.prepare(samples), owned: true };
  }

  /** Records and submits one step; resolves to the loss when this step reads it back, else null. */
  async trainStep(): Promise<number | null> {
    const read = (this.step + 1) % this.config.logEvery === 0 || this.step + 1 === this.config.steps;
    const { batch, owned } = this.batchFor(this.step);
    const ctx = new Context(this.gpu);
    let loss: Promise<Float32Array> | null = null;
    try {
      const value = classificationLoss(ctx, this.model.forward(ctx, batch), batch);
      ctx.backward(value);
      this.optimizer.step(ctx);
      if (read) loss = ctx.read(value);
    } finally {
      ctx.submit();
      // Disposing now is safe: the release waits for the submit above.
      if (owned) batch.dispose();
    }
    this.step++;
    if (!loss) return null;
    const point = { step: this.step, loss: (await loss)[0] };
    this.losses.push(point);
    return point.loss;
  }

  /** Runs until `config.steps` steps are done, reporting each loss read back. */
  async run(onProgress?: (p: TrainProgress) => void, signal?: AbortSignal): Promise<void> {
    const started = performance.now();
    while (this.step < this.config.steps) {
      if (signal?.aborted) throw new Error('training cancelled');
      const loss = await this.trainStep();
      if (loss !== null)
        onProgress?.({
          step: this.step,
          steps: this.config.steps,
          loss,
          seconds: (performance.now() - started) / 1000,
        });
    }
    await this.gpu.finish();
  }

  /** The last loss read back (NaN before any). */
  get lastLoss(): number {
    return this.losses.length ? this.losses[this.losses.length - 1].loss : Number.NaN;
  }

  async state(): Promise<TrainerState> {
    const names = this.model.parameterNames;
    const m: ParameterSnapshot = {};
    const v: ParameterSnapshot = {};
    for (let i = 0; i < names.length; i++) {
      const moments = this.optimizer.moments(i);
      m[names[i]] = { shape: [...moments.m.shape], data: await moments.m.read() };
      v[names[i]] = { shape: [...moments.v.shape], data: await moments.v.read() };
    }
    return {
      step: this.step,
      adamStep: this.optimizer.stepCount,
      m,
      v,
      losses: this.losses.map((p) => ({ ...p })),
    };
  }

  /** Restores optimizer moments, step counters and the loss log (the model's weights are loaded separately). */
  restore(state: TrainerState): void {
    this.model.parameterNames.forEach((name, i) => {
      const { m, v } = this.optimizer.moments(i);
      if (!state.m[name] || !state.v[name])
        throw new RangeError(`checkpoint has no optimizer state for "${name}"`);
      m.write(state.m[name].data);
      v.write(state.v[name].data);
    });
    this.step = state.step;
    this.optimizer.stepCount = state.adamStep;
    this.losses.splice(0, this.losses.length, ...state.losses.map((p) => ({ ...p })));
  }

  dispose(): void {
    this.fixedBatch?.dispose();
    this.fixedBatch = null;
    this.optimizer.dispose();
  }
}
