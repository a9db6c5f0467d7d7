import { afterAll, describe, expect, it } from 'vitest';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { trainTetris } from '../test/tetris-training';

afterAll(releaseTestGpu);

describe('Tetris with a plain MLP on coordinates', () => {
  it('fits the canonical shapes but is near chance on rotated ones without augmentation', async () => {
    await withDevice(async (gpu) => {
      const run = await trainTetris(gpu, 'mlp', { hidden: [64, 64] }, { steps: 150, lr: 0.01, logEvery: 50 });
      expect(run.train.accuracy).toBe(1);
      expect(run.test.accuracy).toBeLessThanOrEqual(0.4);
      run.dispose();
    });
  });
});
