import { describe, expect, it } from 'vitest';
import { TRAIN_DATASETS } from '../engine/train-service';
import { MODEL_KINDS } from '../models/model';
import { TP_KINDS } from '../nn/tensor-product-layer';
import { memoryRunStore } from './checkpoint-store';
import { createGauntletStore } from './store';
import { fakeEnginePort, flush, TEST_TRAIN_METRICS } from './test-engine-port';
import {
  normalizeTrainForm,
  requestFromForm,
  sameRequest,
  TRAIN_DATASET_CHOICES,
  TRAIN_MODEL_CHOICES,
  TRAIN_TP_CHOICES,
} from './train-form';

async function readyStore(runs = memoryRunStore()) {
  const fake = fakeEnginePort();
  const store = createGauntletStore(fake.port, { storage: null, runs });
  await store.getState().connect();
  await store.getState().loadSavedRuns();
  return { fake, store, runs, train: () => store.getState().train };
}

describe('train form', () => {
  it('offers exactly the engine’s data sets, models and tensor products', () => {
    expect(TRAIN_DATASET_CHOICES.map((c) => c.value).sort()).toEqual([...TRAIN_DATASETS].sort());
    expect(TRAIN_MODEL_CHOICES.map((c) => c.value).sort()).toEqual([...MODEL_KINDS].sort());
    expect(TRAIN_TP_CHOICES.map((c) => c.value).sort()).toEqual([...TP_KINDS].sort());
  });

  it('sends only the fields that apply, and keeps values in range', () => {
    const form = normalizeTrainForm({ model: 'mlp', steps: 0, seed: -3, logEvery: 2.6, lr: -1 });
    expect(form).toMatchObject({ steps: 1, seed: 0, logEvery: 3, lr: null });
    expect(requestFromForm(form)).toEqual({
      dataset: 'tetris',
      model: 'mlp',
      steps: 1,
      seed: 0,
      augment: false,
      logEvery: 3,
    });
    const md = requestFromForm(
      normalizeTrainForm({ dataset: 'md', tp: 'gaunt-fft', lr: 0.01, forceWeight: 0 }),
    );
    expect(md).toMatchObject({ model: 'nequip', tp: 'gaunt-fft', lr: 0.01, forceWeight: 0 });
    expect(sameRequest(md, { ...md, batchSize: undefined })).toBe(true);
    expect(sameRequest(md, { ...md, seed: 1 })).toBe(false);
  });
});

describe('train slice', () => {
  it('plays, streams losses and metrics, pauses with a saved checkpoint, and continues the same run', async () => {
    const { fake, store, runs, train } = await readyStore();
    store.getState().updateTrainForm({ steps: 20, logEvery: 1 });
    const playing = store.getState().playTraining();
    expect(train()).toMatchObject({ status: 'running', busy: 'Starting…' });
    // An event that overtakes the start's answer is kept and applied once the run is known.
    fake.training.emitStep(1, 2);
    await playing;
    expect(fake.training.calls).toEqual(['start tetris/nequip']);
    expect(train()).toMatchObject({ status: 'running', busy: null, step: 1, losses: [{ step: 1, loss: 2 }] });

    fake.training.emitStep(2, 1.5);
    fake.training.emit({
      kind: 'metrics',
      runId: fake.training.runId(),
      step: 2,
      metrics: { test_accuracy: 0.25, equivariance_error: 3e-7, float32_floor: 1e-7 },
    });
    expect(train()).toMatchObject({ step: 2, stepsPerSecond: 5, equivariance: 3e-7 });
    expect(train().metrics).toEqual([
      { step: 2, metrics: { test_accuracy: 0.25, equivariance_error: 3e-7, float32_floor: 1e-7 } },
    ]);

    await store.getState().pauseTraining();
    await flush();
    expect(train()).toMatchObject({ status: 'paused', notice: 'Paused at step 2.' });
    expect(train().metrics.at(-1)).toEqual({ step: 2, metrics: TEST_TRAIN_METRICS });
    expect(fake.training.calls).toEqual(['start tetris/nequip', 'pause', 'checkpoint']);
    const saved = train().saved ?? [];
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      id: train().savedId,
      step: 2,
      steps: 20,
      lastLoss: 1.5,
      model: 'nequip-test',
    });
    expect(await runs.load(saved[0].id)).toMatchObject({ request: { dataset: 'tetris', steps: 20 } });

    // Same form: Play continues the run; Step steps it.
    await store.getState().playTraining();
    expect(train().status).toBe('running');
    await store.getState().pauseTraining();
    await store.getState().stepTraining();
    expect(train()).toMatchObject({ status: 'paused', step: 3 });
    expect(fake.training.calls.slice(3)).toEqual(['resume', 'pause', 'checkpoint', 'step']);
    // The auto-save replaced the run's entry rather than adding one.
    expect(train().saved).toHaveLength(1);
  });

  it('starts a new run when the form changed, and drops events of the old one', async () => {
    const { fake, store, train } = await readyStore();
    await store.getState().playTraining();
    const oldRun = fake.training.runId();
    await store.getState().pauseTraining();
    const firstId = train().savedId;
    store.getState().updateTrainForm({ model: 'mlp' });
    await store.getState().playTraining();
    expect(fake.training.calls.at(-1)).toBe('start tetris/mlp');
    expect(train().savedId).not.toBe(firstId);
    fake.training.emit({
      kind: 'step',
      runId: oldRun,
      step: 50,
      steps: 100,
      loss: 9,
      stepsPerSecond: 1,
      elapsed: 1,
    });
    expect(train()).toMatchObject({ step: 0, losses: [] });
  });

  it('saves at the end of a run, and restores a saved run after a reload with its curves', async () => {
    const { fake, store, runs, train } = await readyStore();
    store.getState().updateTrainForm({ steps: 4, seed: 7 });
    await store.getState().playTraining();
    fake.training.emitStep(2);
    fake.training.finish();
    await flush();
    await flush();
    expect(train()).toMatchObject({ status: 'finished', step: 4, notice: 'Finished all 4 steps.' });
    expect(train().saved?.[0]).toMatchObject({ step: 4, steps: 4 });
    // Play on a finished run trains a new one.
    await store.getState().playTraining();
    expect(fake.training.calls.at(-1)).toBe('start tetris/nequip');
    await store.getState().pauseTraining();
    expect(train().saved).toHaveLength(2);

    // A reload: a new store over the same saved runs.
    const reloaded = await readyStore(runs);
    const list = reloaded.train().saved ?? [];
    expect(list).toHaveLength(2);
    const finished = list.find((r) => r.step === 4);
    if (!finished) throw new Error('the finished run is not listed');
    await reloaded.store.getState().restoreSavedRun(finished.id);
    expect(reloaded.fake.training.calls).toEqual(['restore']);
    expect(reloaded.train()).toMatchObject({
      status: 'finished',
      step: 4,
      savedId: finished.id,
      form: { steps: 4, seed: 7 },
      equivariance: 1e-7,
    });
    expect(reloaded.train().losses).toHaveLength(4);
    expect(reloaded.train().metrics.at(-1)?.metrics.test_accuracy).toBe(1);

    await reloaded.store.getState().deleteSavedRun(finished.id);
    expect(reloaded.train().saved).toHaveLength(1);
    expect(await runs.load(finished.id)).toBeNull();
    expect(reloaded.train().savedId).not.toBe(finished.id);
  });

  it('shows engine errors and stays usable', async () => {
    const { fake, store, train } = await readyStore();
    fake.training.failNextCall(new Error('lr must be a positive number (got -1)'));
    await store.getState().playTraining();
    expect(train()).toMatchObject({
      status: 'idle',
      busy: null,
      run: null,
      error: 'Could not start training: lr must be a positive number (got -1)',
    });
    await store.getState().playTraining();
    expect(train()).toMatchObject({ status: 'running', error: null });
    fake.training.emit({
      kind: 'stopped',
      runId: fake.training.runId(),
      reason: 'error',
      step: 3,
      message: 'device lost',
    });
    expect(train()).toMatchObject({
      status: 'error',
      run: null,
      error: 'Training stopped at step 3: device lost',
    });
    await store.getState().stepTraining();
    expect(fake.training.calls.slice(-2)).toEqual(['start tetris/nequip paused', 'step']);
    expect(train()).toMatchObject({ status: 'paused', step: 1 });
  });

  it('resets to step 0 with fresh curves under a new save slot', async () => {
    const { fake, store, train } = await readyStore();
    await store.getState().playTraining();
    fake.training.emitStep(5);
    await store.getState().pauseTraining();
    const before = train().savedId;
    await store.getState().resetTraining();
    expect(train()).toMatchObject({ status: 'paused', step: 0, losses: [], metrics: [], equivariance: null });
    expect(train().savedId).not.toBe(before);
  });

  it('imports an exported run: restored in the engine and saved as a new entry', async () => {
    const { fake, store, runs, train } = await readyStore();
    await store.getState().playTraining();
    fake.training.emitStep(3);
    await store.getState().pauseTraining();
    const exported = await store.getState().savedRunJson(train().savedId ?? '');
    await store.getState().importTrainingRun('{"nope', 'broken.json');
    expect(train().error).toMatch(/^Could not import broken.json: broken.json is not JSON/);
    await store.getState().importTrainingRun(JSON.stringify(exported), 'run.json');
    expect(fake.training.calls.slice(-2)).toEqual(['restore', 'checkpoint']);
    expect(train()).toMatchObject({
      status: 'paused',
      step: 3,
      notice: 'Imported run.json at step 3 of 100.',
    });
    expect(await runs.list()).toHaveLength(2);
  });
});
