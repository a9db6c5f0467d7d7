import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model, PreparedBatch } from '../models/model';
import type { ParameterSnapshot } from '../nn/parameters';
import * as ops from '../ops/index';
import { Context } from '../tensor/context';
import type { LrScheduleSpec } from '../tensor/lr-schedule';
import { Adam } from '../tensor/optim';
import type { Tensor } from '../tensor/tensor';
import { batchIndices, rotateSamples, STREAM, streamOf } from './batches';
import { meanAtoms, requireTarget, taskLoss } from './losses';
import { withFrozen } from './predict';

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
  /** Forces task: weight of the per-atom energy MSE. */
  energyWeight: number;
  /** Forces task: weight of the force MSE (0 trains on energies alone). */
  forceWeight: number;
  /**
   * Forces task: how far (in position units) the force-matching gradient's finite difference
   * moves the atoms, along the force residual scaled by the training forces' RMS.
   */
  forceStep: number;
}

export const TRAIN_DEFAULTS: TrainConfig = {
  steps: 200,
  batchSize: 64,
  lr: 0.01,
  weightDecay: 0,
  seed: 0,
  augment: false,
  logEvery: 10,
  energyWeight: 1,
  forceWeight: 1,
  forceStep: 1e-3,
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
  private fixedTriple: PreparedBatch | null = null;
  /** RMS of the training forces (sets the force-matching finite-difference step). */
  private readonly forceRms: number;

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
    let sum = 0;
    let count = 0;
    for (const s of train)
      for (const f of s.forces ?? []) {
        sum += f * f;
        count++;
      }
    this.forceRms = count > 0 ? Math.sqrt(sum / count) : 1;
  }

  /** Whether steps add the force-matching term (energy models with force labels and weight > 0). */
  get matchesForces(): boolean {
    return this.model.task === 'forces' && this.config.forceWeight > 0;
  }

  /**
   * The batch of step `step` (and, when forces are matched, the same samples three times over for
   * the finite difference): reused when it is the whole, unaugmented training set.
   */
  private async batchFor(
    step: number,
  ): Promise<{ batch: PreparedBatch; triple: PreparedBatch | null; owned: boolean }> {
    const { batchSize, augment, seed } = this.config;
    const tripled = (samples: readonly Sample[]) => [...samples, ...samples, ...samples];
    if (!augment && batchSize >= this.train.length) {
      this.fixedBatch ??= await this.model.prepare(this.train);
      if (this.matchesForces) this.fixedTriple ??= await this.model.prepare(tripled(this.train));
      return { batch: this.fixedBatch, triple: this.fixedTriple, owned: false };
    }
    let samples = batchIndices(seed, step, this.train.length, batchSize).map((i) => this.train[i]);
    if (augment) samples = rotateSamples(samples, streamOf(seed, STREAM.augment, step));
    const batch = await this.model.prepare(samples);
    try {
      const triple = this.matchesForces ? await this.model.prepare(tripled(samples)) : null;
      return { batch, triple, owned: true };
    } catch (e) {
      batch.dispose();
      throw e;
    }
  }

  /** Records and submits one step; resolves to the loss when this step reads it back, else null. */
  async trainStep(): Promise<number | null> {
    const read = (this.step + 1) % this.config.logEvery === 0 || this.step + 1 === this.config.steps;
    const { batch, triple, owned } = await this.batchFor(this.step);
    let loss: Promise<Float32Array> | null = null;
    try {
      if (triple) loss = this.forceMatchingStep(batch, triple, read);
      else {
        const ctx = new Context(this.gpu);
        try {
          const value = taskLoss(ctx, this.model, this.model.forward(ctx, batch), batch, this.config);
          ctx.backward(value);
          this.optimizer.step(ctx);
          if (read) loss = ctx.read(value);
        } finally {
          ctx.submit();
        }
      }
    } finally {
      // Disposing now is safe: the release waits for the submits above.
      if (owned) {
        batch.dispose();
        triple?.dispose();
      }
    }
    this.step++;
    if (!loss) return null;
    const point = { step: this.step, loss: (await loss)[0] };
    this.losses.push(point);
    return point.loss;
  }

  /**
   * One step on w_E·L_E + w_F·L_F with L_F = mean((F − F*)²), F = −∂E/∂x. Its parameter gradient
   * needs ∂²E/∂θ∂x; instead of a second-order tape we use the identity
   *   ∂L_F/∂θ = (w_F/(3N))·∂/∂θ[∂_x E·q]·2,  q = ∂E/∂x + F* = −(F − F*),
   * and ∂_θ(∂_x E·q) ≈ [∂_θ E(x + εq) − ∂_θ E(x − εq)]/(2ε) (a central difference of first-order
   * gradients, error O(ε²)). Pass 1 computes q and the loss at x with the weights frozen; pass 2
   * runs the model once on [x; x + εq; x − εq] (the triple batch) and back-propagates the seeds
   * [∂L_E/∂E, +c, −c], c = w_F/(3N·ε), so one backward gives the whole gradient. ε = forceStep/RMS(F*) moves
   * atoms by forceStep·|q|/RMS(F*); src/train/force-matching.test.ts checks the gradient against
   * differences of the loss itself (docs/models.md).
   */
  forceMatchingStep(
    batch: PreparedBatch,
    triple: PreparedBatch,
    read: boolean,
    /** What to do with the recorded parameter gradients (default: the optimizer step). */
    consume: (ctx: Context) => void = (ctx) => this.optimizer.step(ctx),
  ): Promise<Float32Array> | null {
    const { energyWeight, forceWeight, forceStep } = this.config;
    const params = this.model.parameters;
    const N = batch.numNodes;
    const B = batch.size;
    const epsilon = forceStep / this.forceRms;
    const n = meanAtoms(batch);
    // Pass 1: forces at x (parameters out of the gradient), the residual and the loss value.
    const ctx1 = new Context(this.gpu);
    let pass1: { q: Tensor; energySeed: Tensor; loss: Promise<Float32Array> | null };
    try {
      pass1 = withFrozen(params, () => {
        const energies = this.model.forward(ctx1, batch);
        ctx1.backward(energies, ctx1.constant(1, energies.shape, 'energy seed'));
        const dEdx = batch.positions.grad;
        if (!dEdx) throw new Error('force matching: the energy does not depend on the positions');
        const targetForces = requireTarget(batch.forces, 'forces');
        const targetEnergies = requireTarget(batch.energies, 'energies');
        const q = ctx1.keep(ops.add(ctx1, dEdx, targetForces));
        const energySeed = ctx1.keep(
          ops.scale(ctx1, ops.sub(ctx1, energies, targetEnergies), (2 * energyWeight) / (B * n * n)),
        );
        if (!read) return { q, energySeed, loss: null };
        const lossE = ops.scale(ctx1, ops.mse(ctx1, energies, targetEnergies), energyWeight / (n * n));
        const lossF = ops.scale(ctx1, ops.mse(ctx1, ops.scale(ctx1, dEdx, -1), targetForces), forceWeight);
        return { q, energySeed, loss: ctx1.read(ops.add(ctx1, lossE, lossF)) };
      });
    } finally {
      ctx1.submit();
    }
    const { q, energySeed, loss } = pass1;
    // Pass 2: the triple batch's positions and seeds, one backward, the optimizer step.
    const ctx2 = new Context(this.gpu);
    try {
      const x = batch.positions;
      const bytes = 12 * N;
      const shifted = ctx2.noGrad(() => [
        ops.add(ctx2, x, ops.scale(ctx2, q, epsilon)),
        ops.sub(ctx2, x, ops.scale(ctx2, q, epsilon)),
      ]);
      ctx2.use(x, triple.positions, energySeed);
      ctx2.batch.copy(x.buffer, triple.positions.buffer, bytes, 0, 0);
      ctx2.batch.copy(shifted[0].buffer, triple.positions.buffer, bytes, 0, bytes);
      ctx2.batch.copy(shifted[1].buffer, triple.positions.buffer, bytes, 0, 2 * bytes);
      const c = forceWeight / (3 * N * epsilon);
      const seed = ctx2.alloc([3 * B, 1], 'force-matching seed');
      ctx2.batch.copy(energySeed.buffer, seed.buffer, 4 * B, 0, 0);
      ctx2.batch.copy(ctx2.constant(c, [B, 1]).buffer, seed.buffer, 4 * B, 0, 4 * B);
      ctx2.batch.copy(ctx2.constant(-c, [B, 1]).buffer, seed.buffer, 4 * B, 0, 8 * B);
      const energies = this.model.forward(ctx2, triple);
      ctx2.backward(energies, seed);
      consume(ctx2);
    } finally {
      ctx2.submit();
      q.dispose();
      energySeed.dispose();
      batch.positions.disposeGrad();
      triple.positions.disposeGrad();
    }
    return loss;
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
    this.fixedTriple?.dispose();
    this.fixedBatch = null;
    this.fixedTriple = null;
    this.optimizer.dispose();
  }
}
