import { afterAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { createModel } from '../models/index';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { bits } from '../test/op-harness';
import { tetrisData } from '../test/tetris-training';
import { batchIndices } from './batches';
import { checkpointFromJson, checkpointOf, checkpointToJson, resumeFrom } from './checkpoint';
import { type TrainConfig, Trainer } from './trainer';

afterAll(releaseTestGpu);

const NEQUIP = { tp: 'cg', channels: 2, lmax: 1, layers: 2, numClasses: 8 };

async function losses(
  gpu: Gpu,
  kind: 'nequip' | 'mlp',
  config: Record<string, unknown>,
  train: Partial<TrainConfig>,
) {
  const data = tetrisData();
  const model = createModel(gpu, kind, config);
  const trainer = new Trainer(gpu, model, data.train, train);
  await trainer.run();
  const weights = await model.save();
  trainer.dispose();
  model.dispose();
  return { losses: trainer.losses.map((p) => p.loss), weights };
}

describe('Trainer', () => {
  it('is deterministic: the same seeds give bitwise the same losses; another seed does not', async () => {
    await withDevice(async (gpu) => {
      const train = { steps: 4, logEvery: 1, lr: 0.05 };
      const a = await losses(gpu, 'nequip', { ...NEQUIP, seed: 3 }, train);
      const b = await losses(gpu, 'nequip', { ...NEQUIP, seed: 3 }, train);
      expect(a.losses).toHaveLength(4);
      expect(bits(Float32Array.from(b.losses))).toEqual(bits(Float32Array.from(a.losses)));
      const c = await losses(gpu, 'nequip', { ...NEQUIP, seed: 4 }, train);
      expect(c.losses[0]).not.toBe(a.losses[0]);
      expect(a.losses[3]).toBeLessThan(a.losses[0]);
    });
  });

  it('resumes from a JSON checkpoint exactly where the run left off (shuffled, augmented batches)', async () => {
    await withDevice(async (gpu) => {
      const data = tetrisData();
      const train: Partial<TrainConfig> = {
        steps: 8,
        batchSize: 3,
        augment: true,
        logEvery: 1,
        seed: 5,
        lr: 0.02,
      };
      const whole = await losses(gpu, 'mlp', { seed: 2, hidden: [16] }, train);

      const model = createModel(gpu, 'mlp', { seed: 2, hidden: [16] });
      const first = new Trainer(gpu, model, data.train, { ...train, steps: 4 });
      await first.run();
      const saved = JSON.parse(JSON.stringify(checkpointToJson(await checkpointOf(first))));
      first.dispose();
      model.dispose();

      const resumed = resumeFrom(gpu, checkpointFromJson(saved), data.train, { steps: 8 });
      await resumed.run();
      expect(bits(Float32Array.from(resumed.losses.map((p) => p.loss)))).toEqual(
        bits(Float32Array.from(whole.losses)),
      );
      const end = await resumed.model.save();
      for (const [name, p] of Object.entries(whole.weights.parameters))
        expect(bits(end.parameters[name].data), name).toEqual(bits(p.data));
      resumed.dispose();
      resumed.model.dispose();
    });
  });

  it('refuses a checkpoint of another format', () => {
    expect(() => checkpointFromJson({ format: 'x' })).toThrow(/not a gauntlet-checkpoint-1/);
  });
});

describe('batchIndices', () => {
  it('cuts seeded permutations into batches: each epoch visits every sample once', () => {
    const seen = [0, 1, 2, 3].flatMap((step) => batchIndices(9, step, 10, 3));
    expect(seen.slice(0, 10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batchIndices(9, 2, 10, 3)).toEqual(batchIndices(9, 2, 10, 3));
    expect(batchIndices(9, 4, 10, 3)).not.toEqual(batchIndices(9, 0, 10, 3));
    expect(batchIndices(1, 7, 5, 8)).toEqual([0, 1, 2, 3, 4]);
  });
});
