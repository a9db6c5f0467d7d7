import type { Gpu } from '../gpu/runtime';
import { checkpointFromJson, checkpointToJson } from '../train/checkpoint';
import { float32Floor } from '../train/float32-floor';
import type { LossPoint } from '../train/trainer';
import { InputError } from './sh-service';
import { type TrainMetrics, type TrainRequest, TrainRun } from './train-service';

/** Held-out metrics plus the float32 floor the equivariance error should be read against. */
export interface SessionMetrics extends TrainMetrics {
  /** ‖f(x + δ) − f(x)‖/‖f(x)‖ for one float32 ulp δ per input coordinate (src/train/float32-floor.ts). */
  float32_floor: number;
}

/** Test samples the float32 floor is measured on (a subset is plenty for a rounding estimate). */
const FLOOR_SAMPLES = 16;

/** Format tag of a saved session run: the request that rebuilds its data, and its checkpoint. */
export const TRAIN_RUN_FORMAT = 'gauntlet-train-run-1';

/** What `trainCheckpoint` returns and `trainRestore` accepts (JSON-ready, survives JSON.stringify). */
export interface TrainRunJson {
  format: typeof TRAIN_RUN_FORMAT;
  request: TrainRequest;
  /** Seconds of training so far (pauses and evaluations excluded). */
  elapsed: number;
  /** checkpointToJson of the run's trainer: weights, config and optimizer state. */
  checkpoint: Record<string, unknown>;
}

/** A run as the session holds it; `runId` tags every event of the run. */
export interface TrainRunInfo {
  runId: number;
  request: TrainRequest;
  /** The model's short name and its parameter count. */
  model: string;
  parameters: number;
  step: number;
  steps: number;
  /** The learning rate, batch size and read-back interval the trainer uses (request or defaults). */
  lr: number;
  batchSize: number;
  logEvery: number;
  /** Metrics are evaluated every this many steps while running (a multiple of logEvery). */
  metricsEvery: number;
  /** Losses read back so far (a restored run brings its history). */
  losses: LossPoint[];
  elapsed: number;
}

export interface TrainStepEvent {
  kind: 'step';
  runId: number;
  step: number;
  steps: number;
  loss: number;
  /** Steps per second since the previous read-back. */
  stepsPerSecond: number;
  elapsed: number;
}

export interface TrainMetricsEvent {
  kind: 'metrics';
  runId: number;
  step: number;
  metrics: SessionMetrics;
}

/** The loop stopped by itself: all steps done, or a failure (the run is gone then). */
export interface TrainStoppedEvent {
  kind: 'stopped';
  runId: number;
  reason: 'finished' | 'error';
  step: number;
  message?: string;
}

export type TrainEvent = TrainStepEvent | TrainMetricsEvent | TrainStoppedEvent;

/** Where a run stands after a control call (pause, step, resume). */
export interface TrainControlResult {
  runId: number;
  step: number;
  steps: number;
  running: boolean;
  /** Present when the call evaluated the model (pause, a finished step). */
  metrics?: SessionMetrics;
  /** The losses a single step read back (stepOnce), if any. */
  loss?: number | null;
}

/** About ten metric points per run (each evaluation costs a few steps' time): every logEvery·k steps. */
export function metricsInterval(steps: number, logEvery: number): number {
  return logEvery * Math.max(1, Math.round(steps / (10 * logEvery)));
}

/** A macrotask break: control messages (pause, cancel) queued meanwhile are handled before the next step. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

function isTrainRunJson(value: unknown): value is TrainRunJson {
  const v = value as Partial<TrainRunJson> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.format === TRAIN_RUN_FORMAT &&
    typeof v.request === 'object' &&
    v.request !== null &&
    typeof v.checkpoint === 'object' &&
    v.checkpoint !== null
  );
}

interface Active {
  id: number;
  run: TrainRun;
  metricsEvery: number;
  /** Training seconds before the current stretch of running. */
  elapsed: number;
  loop: Promise<void> | null;
  stopRequested: boolean;
}

/**
 * One training run at a time, kept alive in the engine (the worker) between calls so a page can
 * play, pause, single-step, reset, checkpoint and restore it. The loop yields to the event loop
 * between steps so control calls get through; its progress goes to the listener given at start.
 * Failures come back as errors with a message; the session itself stays usable.
 */
export class TrainSession {
  private active: Active | null = null;
  private listener: (event: TrainEvent) => void = () => {};
  private nextId = 1;
  /** Control calls run one after another (a pause arriving while a start builds its run waits for it). */
  private queue: Promise<unknown> = Promise.resolve();
  private watching: Gpu | null = null;

  constructor(private readonly gpu: () => Promise<Gpu>) {}

  private exclusive<T>(body: () => Promise<T>): Promise<T> {
    const result = this.queue.then(body);
    this.queue = result.catch(() => {});
    return result;
  }

  private emit(event: TrainEvent): void {
    // A listener in a page that has gone away rejects; the run goes on regardless.
    try {
      Promise.resolve(this.listener(event) as unknown).catch(() => {});
    } catch {
      // likewise for a synchronous throw
    }
  }

  /** A lost device takes the run's buffers with it: drop the run and say how to continue. */
  private watch(gpu: Gpu): void {
    if (this.watching === gpu) return;
    this.watching = gpu;
    gpu.onDeviceLost(() => {
      const a = this.active;
      if (!a) return;
      a.stopRequested = true;
      this.active = null;
      this.emit({
        kind: 'stopped',
        runId: a.id,
        reason: 'error',
        step: a.run.trainer.step,
        message:
          'The GPU device was lost and the run with it; restore its last saved checkpoint to continue.',
      });
    });
  }

  private async build(request: TrainRequest, restore?: TrainRunJson): Promise<TrainRunInfo> {
    await this.stopAndDispose();
    const gpu = await this.gpu();
    this.watch(gpu);
    let run: TrainRun;
    try {
      run = new TrainRun(request, gpu);
    } catch (error) {
      if (error instanceof InputError || error instanceof RangeError) throw new InputError(message(error));
      throw error;
    }
    try {
      if (restore) {
        const checkpoint = checkpointFromJson(restore.checkpoint);
        if (checkpoint.model.kind !== request.model)
          throw new InputError(
            `the checkpoint holds a ${checkpoint.model.kind} model, the run a ${request.model}`,
          );
        const differs = Object.entries(run.trainer.config).filter(
          ([key, value]) =>
            JSON.stringify((checkpoint.train as unknown as Record<string, unknown>)[key]) !==
            JSON.stringify(value),
        );
        if (differs.length)
          throw new InputError(
            `the checkpoint's training settings differ from its request (${differs.map(([k]) => k).join(', ')})`,
          );
        run.model.load(checkpoint.model);
        run.trainer.restore(checkpoint.state);
      }
    } catch (error) {
      run.dispose();
      throw error instanceof InputError ? error : new InputError(`checkpoint: ${message(error)}`);
    }
    const { logEvery, steps } = run.trainer.config;
    this.active = {
      id: this.nextId++,
      run,
      metricsEvery: metricsInterval(steps, logEvery),
      elapsed: restore?.elapsed ?? 0,
      loop: null,
      stopRequested: false,
    };
    return this.info(this.active);
  }

  private info(a: Active): TrainRunInfo {
    const { run } = a;
    const { config } = run.trainer;
    return {
      runId: a.id,
      request: { ...run.request },
      model: run.model.name,
      parameters: run.model.parameters.reduce((s, t) => s + t.size, 0),
      step: run.trainer.step,
      steps: config.steps,
      lr: typeof config.lr === 'number' ? config.lr : Number.NaN,
      batchSize: Math.min(config.batchSize, run.data.train.length),
      logEvery: config.logEvery,
      metricsEvery: a.metricsEvery,
      losses: run.trainer.losses.map((p) => ({ ...p })),
      elapsed: a.elapsed,
    };
  }

  private require(): Active {
    if (!this.active) throw new InputError('no training run: start one or restore a checkpoint first');
    return this.active;
  }

  private async stopAndDispose(): Promise<void> {
    const a = this.active;
    if (!a) return;
    a.stopRequested = true;
    await a.loop;
    this.active = null;
    a.run.dispose();
  }

  /** Runs steps until done or asked to stop; reports each read-back and every `metricsEvery` steps. */
  private async loop(a: Active): Promise<void> {
    const { trainer } = a.run;
    const steps = trainer.config.steps;
    let windowStart = performance.now();
    let windowStep = trainer.step;
    try {
      while (!a.stopRequested && trainer.step < steps) {
        const started = performance.now();
        const loss = await trainer.trainStep();
        a.elapsed += (performance.now() - started) / 1000;
        if (this.active !== a) return; // the device was lost meanwhile
        if (loss !== null) {
          const now = performance.now();
          const stepsPerSecond = (1000 * (trainer.step - windowStep)) / Math.max(1e-3, now - windowStart);
          this.emit({
            kind: 'step',
            runId: a.id,
            step: trainer.step,
            steps,
            loss,
            stepsPerSecond,
            elapsed: a.elapsed,
          });
          if (trainer.step % a.metricsEvery === 0 && trainer.step < steps) await this.emitMetrics(a);
          windowStart = performance.now();
          windowStep = trainer.step;
        }
        await yieldToEventLoop();
      }
      if (trainer.step >= steps && !a.stopRequested && this.active === a) {
        await this.emitMetrics(a);
        // Not playing any more: a checkpoint asked for on this event must not see the loop as running.
        a.loop = null;
        this.emit({ kind: 'stopped', runId: a.id, reason: 'finished', step: trainer.step });
      }
    } catch (error) {
      if (this.active !== a) return;
      // The run's GPU state is suspect after a failed step: drop it; the last checkpoint restores it.
      this.active = null;
      try {
        a.run.dispose();
      } catch {
        // buffers of a lost device
      }
      this.emit({
        kind: 'stopped',
        runId: a.id,
        reason: 'error',
        step: trainer.step,
        message: message(error),
      });
    }
  }

  private async evaluate(a: Active): Promise<SessionMetrics> {
    const { run } = a;
    const metrics = await run.metrics();
    const samples = run.data.test.slice(0, FLOOR_SAMPLES);
    return { ...metrics, float32_floor: await float32Floor(run.gpu, run.model, samples, run.seed) };
  }

  private async emitMetrics(a: Active): Promise<SessionMetrics> {
    const metrics = await this.evaluate(a);
    this.emit({ kind: 'metrics', runId: a.id, step: a.run.trainer.step, metrics });
    return metrics;
  }

  private play(a: Active): void {
    a.stopRequested = false;
    a.loop = this.loop(a).finally(() => {
      a.loop = null;
    });
  }

  private result(a: Active, extra: Partial<TrainControlResult> = {}): TrainControlResult {
    return {
      runId: a.id,
      step: a.run.trainer.step,
      steps: a.run.trainer.config.steps,
      running: a.loop !== null,
      ...extra,
    };
  }

  /** Replaces any run with a new one and, unless `paused`, starts training it. */
  start(
    request: TrainRequest,
    onEvent: (event: TrainEvent) => void,
    options: { paused?: boolean } = {},
  ): Promise<TrainRunInfo> {
    return this.exclusive(async () => {
      this.listener = onEvent;
      const info = await this.build(request);
      if (!options.paused && this.active) this.play(this.active);
      return info;
    });
  }

  /** Stops after the step in progress and evaluates the model. */
  pause(): Promise<TrainControlResult> {
    return this.exclusive(async () => {
      const a = this.require();
      a.stopRequested = true;
      await a.loop;
      if (this.active !== a) throw new InputError('the run ended with an error while pausing');
      const metrics = await this.evaluate(a);
      return this.result(a, { metrics });
    });
  }

  resume(): Promise<TrainControlResult> {
    return this.exclusive(async () => {
      const a = this.require();
      if (a.run.trainer.step >= a.run.trainer.config.steps)
        throw new InputError(`the run has finished all ${a.run.trainer.config.steps} steps`);
      if (!a.loop) this.play(a);
      return this.result(a);
    });
  }

  /** One step of a paused run; evaluates the model when the step reads the loss back. */
  stepOnce(): Promise<TrainControlResult> {
    return this.exclusive(async () => {
      const a = this.require();
      if (a.loop) throw new InputError('the run is playing: pause it before stepping');
      const { trainer } = a.run;
      if (trainer.step >= trainer.config.steps)
        throw new InputError(`the run has finished all ${trainer.config.steps} steps`);
      const started = performance.now();
      let loss: number | null;
      try {
        loss = await trainer.trainStep();
        await a.run.gpu.finish();
      } catch (error) {
        // As in the loop: the run's GPU state is suspect, so it goes, and listeners hear why.
        this.active = null;
        try {
          a.run.dispose();
        } catch {
          // buffers of a lost device
        }
        const text = `training step failed: ${message(error)}`;
        this.emit({ kind: 'stopped', runId: a.id, reason: 'error', step: trainer.step, message: text });
        throw new Error(text);
      }
      const seconds = (performance.now() - started) / 1000;
      a.elapsed += seconds;
      if (loss !== null)
        this.emit({
          kind: 'step',
          runId: a.id,
          step: trainer.step,
          steps: trainer.config.steps,
          loss,
          stepsPerSecond: 1 / Math.max(1e-6, seconds),
          elapsed: a.elapsed,
        });
      const metrics = await this.evaluate(a);
      return this.result(a, { metrics, loss });
    });
  }

  /** Throws the run away and builds it again from its request: fresh weights, step 0, paused. */
  reset(): Promise<TrainRunInfo> {
    return this.exclusive(async () => this.build(this.require().run.request));
  }

  /** The run as JSON (request, elapsed time, checkpoint); the run must not be playing. */
  checkpoint(): Promise<TrainRunJson> {
    return this.exclusive(async () => {
      const a = this.require();
      if (a.loop) throw new InputError('pause the run before saving a checkpoint');
      return {
        format: TRAIN_RUN_FORMAT,
        request: { ...a.run.request },
        elapsed: a.elapsed,
        checkpoint: checkpointToJson(await a.run.checkpoint()),
      };
    });
  }

  /** Rebuilds a saved run (its data from the request, weights and optimizer state from the checkpoint), paused. */
  restore(json: unknown, onEvent: (event: TrainEvent) => void): Promise<TrainRunInfo> {
    return this.exclusive(async () => {
      if (!isTrainRunJson(json)) throw new InputError(`not a ${TRAIN_RUN_FORMAT} file`);
      this.listener = onEvent;
      return this.build(json.request, json);
    });
  }

  /** Evaluates the current run (held-out metrics and equivariance error); it must not be playing. */
  metrics(): Promise<SessionMetrics> {
    return this.exclusive(async () => {
      const a = this.require();
      if (a.loop) throw new InputError('pause the run before evaluating it');
      return this.evaluate(a);
    });
  }

  /** The current run, or null. */
  current(): TrainRunInfo | null {
    return this.active ? this.info(this.active) : null;
  }

  dispose(): Promise<void> {
    return this.exclusive(() => this.stopAndDispose());
  }
}
