import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { memoryRunStore } from './checkpoint-store';
import type { EnginePort } from './engine-port';
import { createGauntletStore } from './store';

afterAll(releaseTestGpu);

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error(`timed out waiting for ${what}`);
};

describe('train slice on the real engine (in-thread)', () => {
  it('plays a run to the end, saves it, and restores it into a new store', async () => {
    await withDevice(async (gpu) => {
      const engine = await Engine.create(gpu);
      const port: EnginePort = {
        engine,
        whenReady: async () => ({ kind: 'ready', report: gpu.report }),
        onGpuEvent: () => () => {},
      };
      const runs = memoryRunStore();
      const store = createGauntletStore(port, { storage: null, runs });
      await store.getState().connect();
      store.getState().updateTrainForm({ model: 'mlp', steps: 6, logEvery: 2, seed: 3 });
      await store.getState().playTraining();
      const train = () => store.getState().train;
      await until(() => train().saved?.length === 1, 'the run to finish and be saved');
      expect(train()).toMatchObject({ status: 'finished', step: 6, error: null });
      expect(train().losses.map((p) => p.step)).toEqual([2, 4, 6]);
      expect(train().metrics.at(-1)?.step).toBe(6);
      const losses = train().losses;

      const reloaded = createGauntletStore(port, { storage: null, runs });
      await reloaded.getState().connect();
      await reloaded.getState().loadSavedRuns();
      const id = reloaded.getState().train.saved?.[0].id ?? '';
      await reloaded.getState().restoreSavedRun(id);
      expect(reloaded.getState().train).toMatchObject({
        status: 'finished',
        step: 6,
        savedId: id,
        error: null,
      });
      expect(reloaded.getState().train.losses).toEqual(losses);
      expect(reloaded.getState().train.form).toMatchObject({ model: 'mlp', steps: 6, seed: 3 });
      await (engine as unknown as { training: { dispose(): Promise<void> } }).training.dispose();
    });
  });
});
