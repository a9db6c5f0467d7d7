import { afterAll, describe, expect, it } from 'vitest';
import { equivarianceVerdict, FLOOR_FACTOR } from '../store/train-metrics';
import { releaseTestGpu, testGpu, withDevice } from '../test/gpu-harness';
import { bits } from '../test/op-harness';
import { Engine } from './engine';
import type { TrainRequest } from './train-service';
import { metricsInterval, TRAIN_RUN_FORMAT, type TrainEvent, TrainSession } from './train-session';

afterAll(releaseTestGpu);

/** Shuffled, augmented mini-batches: a resumed run must pick up the batch and rotation streams exactly. */
const MLP: TrainRequest = {
  dataset: 'tetris',
  model: 'mlp',
  steps: 12,
  logEvery: 1,
  seed: 5,
  batchSize: 3,
  augment: true,
  lr: 0.02,
  modelConfig: { hidden: [16] },
};

function recorder() {
  const events: TrainEvent[] = [];
  let finish: (e: TrainEvent) => void = () => {};
  const finished = new Promise<TrainEvent>((resolve) => {
    finish = resolve;
  });
  const onEvent = (e: TrainEvent) => {
    events.push(e);
    if (e.kind === 'stopped') finish(e);
  };
  const stepEvents = () => events.filter((e) => e.kind === 'step');
  return { events, onEvent, finished, stepEvents };
}

const session = () => new TrainSession(testGpu);

async function uninterrupted(request: TrainRequest) {
  const s = session();
  const r = recorder();
  await s.start(request, r.onEvent);
  await r.finished;
  const checkpoint = await s.checkpoint();
  const info = s.current();
  await s.dispose();
  return { r, checkpoint, losses: info?.losses.map((p) => p.loss) ?? [] };
}

describe('TrainSession', () => {
  it('plays a run to the end, streaming each read-back and the final metrics', async () => {
    await withDevice(async () => {
      const { r, losses } = await uninterrupted(MLP);
      const steps = r.stepEvents();
      expect(steps.map((e) => e.kind === 'step' && e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      for (const e of steps) {
        if (e.kind !== 'step') continue;
        expect(e.steps).toBe(12);
        expect(e.stepsPerSecond).toBeGreaterThan(0);
        expect(e.elapsed).toBeGreaterThan(0);
      }
      expect(losses).toHaveLength(12);
      const last = r.events.at(-1);
      expect(last).toMatchObject({ kind: 'stopped', reason: 'finished', step: 12 });
      const metrics = r.events.filter((e) => e.kind === 'metrics');
      expect(metrics.at(-1)).toMatchObject({ step: 12 });
      const m = metrics.at(-1);
      if (m?.kind !== 'metrics') throw new Error('no final metrics');
      expect(m.metrics.test_accuracy).toBeGreaterThanOrEqual(0);
      expect(m.metrics.equivariance_error).toBeGreaterThan(0);
    });
  });

  it('continues bitwise like an uninterrupted run through step, play, pause, checkpoint and restore', async () => {
    await withDevice(async () => {
      const whole = await uninterrupted(MLP);

      const first = session();
      const r1 = recorder();
      const started = await first.start(MLP, r1.onEvent, { paused: true });
      expect(started).toMatchObject({ step: 0, steps: 12, batchSize: 3, logEvery: 1, lr: 0.02 });
      const one = await first.stepOnce();
      expect(one).toMatchObject({ step: 1, running: false, loss: whole.losses[0] });
      expect(one.metrics?.equivariance_error).toBeGreaterThan(0);
      await first.stepOnce();
      // Play, then pause wherever the loop is when the message gets through.
      await first.resume();
      const paused = await first.pause();
      expect(paused.running).toBe(false);
      expect(paused.metrics?.test_accuracy).toBeGreaterThanOrEqual(0);
      await expect(first.resume().then(() => first.stepOnce())).rejects.toThrow(/pause it before stepping/);
      await first.pause();
      const at = first.current()?.step ?? 0;
      const saved = JSON.parse(JSON.stringify(await first.checkpoint()));
      await first.dispose();

      // Pausing takes effect between steps, long before the 12th.
      expect(at).toBeLessThan(12);
      {
        const second = session();
        const r2 = recorder();
        const restored = await second.restore(saved, r2.onEvent);
        expect(restored.step).toBe(at);
        expect(restored.losses.map((p) => p.loss)).toEqual(whole.losses.slice(0, at));
        await second.resume();
        await r2.finished;
        const end = second.current();
        expect(bits(Float32Array.from(end?.losses.map((p) => p.loss) ?? []))).toEqual(
          bits(Float32Array.from(whole.losses)),
        );
        const finalWeights = (await second.checkpoint()).checkpoint;
        expect(JSON.stringify((finalWeights as { model: unknown }).model)).toBe(
          JSON.stringify((whole.checkpoint.checkpoint as { model: unknown }).model),
        );
        await second.dispose();
      }
      expect(at).toBeGreaterThanOrEqual(2);
    });
  });

  it('resets to fresh weights at step 0, and the replayed run matches the first', async () => {
    await withDevice(async () => {
      const s = session();
      const r = recorder();
      const request = { ...MLP, steps: 3 };
      await s.start(request, r.onEvent);
      await r.finished;
      const first = s.current()?.losses.map((p) => p.loss);
      await expect(s.resume()).rejects.toThrow(/finished all 3 steps/);
      const fresh = await s.reset();
      expect(fresh).toMatchObject({ step: 0, steps: 3, losses: [] });
      expect(fresh.runId).toBeGreaterThan(r.events[0].runId);
      for (let i = 0; i < 3; i++) await s.stepOnce();
      expect(s.current()?.losses.map((p) => p.loss)).toEqual(first);
      await s.dispose();
    });
  });

  it('answers bad requests and missing runs with clear errors, and stays usable', async () => {
    await withDevice(async () => {
      const s = session();
      const r = recorder();
      await expect(s.pause()).rejects.toThrow(/no training run/);
      await expect(s.start({ ...MLP, dataset: 'qm9' as never }, r.onEvent)).rejects.toThrow(
        /dataset must be one of/,
      );
      await expect(s.start({ ...MLP, steps: 0 }, r.onEvent)).rejects.toThrow(/steps must be a positive/);
      await expect(s.start({ ...MLP, model: 'mlp', tp: 'cg' }, r.onEvent)).rejects.toThrow(
        /nequip model only/,
      );
      await expect(s.restore({ format: 'other' }, r.onEvent)).rejects.toThrow(/not a gauntlet-train-run-1/);
      const broken = {
        format: 'gauntlet-train-run-1',
        request: MLP,
        elapsed: 0,
        checkpoint: { format: 'gauntlet-checkpoint-1' },
      };
      await expect(s.restore(broken, r.onEvent)).rejects.toThrow(/checkpoint/);
      const info = await s.start({ ...MLP, steps: 2 }, r.onEvent);
      expect(info.model).toMatch(/mlp/i);
      await r.finished;
      // A checkpoint of other settings (here: a different learning rate) is refused.
      const json = await s.checkpoint();
      await expect(s.restore({ ...json, request: { ...json.request, lr: 0.5 } }, r.onEvent)).rejects.toThrow(
        /training settings differ.*lr/,
      );
      await s.dispose();
    });
  });

  it('evaluates about ten times per run, on read-back steps', () => {
    expect(metricsInterval(100, 5)).toBe(10);
    expect(metricsInterval(1000, 10)).toBe(100);
    expect(metricsInterval(8, 1)).toBe(1);
    expect(metricsInterval(10_000, 7) % 7).toBe(0);
  });
});

describe('float32 floor', () => {
  it('puts an equivariant model’s rotation error at its floor, and a coordinate MLP far above it', async () => {
    await withDevice(async () => {
      const s = session();
      const nequip: TrainRequest = {
        dataset: 'tetris',
        model: 'nequip',
        steps: 3,
        modelConfig: { channels: 2, lmax: 1, layers: 2 },
      };
      await s.start(nequip, () => {}, { paused: true });
      const a = (await s.stepOnce()).metrics;
      await s.start({ ...MLP, steps: 3 }, () => {}, { paused: true });
      const b = (await s.stepOnce()).metrics;
      await s.dispose();
      if (!a || !b) throw new Error('no metrics');
      // Measured: NequIP error/floor 0.7–0.9 over a Tetris run; the MLP's error is ~1 against a 1e-7 floor.
      expect(a.float32_floor).toBeGreaterThan(0);
      expect(a.equivariance_error).toBeLessThan(FLOOR_FACTOR * a.float32_floor);
      expect(equivarianceVerdict(a.equivariance_error, a.float32_floor).verdict).toBe('rounding');
      expect(b.equivariance_error).toBeGreaterThan(1e4 * b.float32_floor);
      expect(equivarianceVerdict(b.equivariance_error, b.float32_floor).verdict).toBe('broken');
    });
  });
});

describe('Engine training calls', () => {
  it('drive the one session: start paused, step, checkpoint, restore', async () => {
    await withDevice(async (gpu) => {
      const engine = await Engine.create(gpu);
      const r = recorder();
      const info = await engine.trainStart({ ...MLP, steps: 3 }, r.onEvent, { paused: true });
      expect(info).toMatchObject({ step: 0, steps: 3 });
      expect(await engine.trainStep()).toMatchObject({ runId: info.runId, step: 1, running: false });
      const saved = await engine.trainCheckpoint();
      expect(saved).toMatchObject({ format: TRAIN_RUN_FORMAT, request: { model: 'mlp', steps: 3 } });
      const back = await engine.trainRestore(saved, r.onEvent);
      expect(back).toMatchObject({ step: 1, steps: 3 });
      expect(back.runId).not.toBe(info.runId);
      await engine.trainResume();
      await r.finished;
      expect(r.events.at(-1)).toMatchObject({
        kind: 'stopped',
        reason: 'finished',
        runId: back.runId,
        step: 3,
      });
      // Engine.dispose() would destroy the shared test device: free only the session.
      await (engine as unknown as { training: TrainSession }).training.dispose();
    });
  });
});
