import { afterAll, describe, expect, it } from 'vitest';
import { TETRIS_MIRROR_PAIRS } from '../data/generators/tetris';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { inverted, tetrisData, trainTetris } from '../test/tetris-training';
import { TOL } from '../test/tolerances';
import { logitsOf } from './evaluate';

afterAll(releaseTestGpu);

// The same architecture with the Gaunt product: only even paths, so no pseudoscalar can form.
const GAUNT_MODEL = { tp: 'gaunt-grid', channels: 8, lmax: 2, layers: 3 };

describe('Tetris with a Gaunt NequIP model', () => {
  it('tops out at 7/8: every shape right except that the chiral pair gets one label', async () => {
    await withDevice(async (gpu) => {
      const run = await trainTetris(gpu, 'nequip', GAUNT_MODEL, { steps: 80, lr: 0.05, logEvery: 20 });
      // Two classes the model cannot tell apart: the loss cannot go below (2 ln 2)/8 ≈ 0.1733.
      expect(run.trainer.lastLoss).toBeGreaterThan((2 * Math.log(2)) / 8 - 1e-4);
      expect(run.test.accuracy).toBe(7 / 8);
      const [a, b] = TETRIS_MIRROR_PAIRS[0];
      const c = run.test.confusion;
      const perClass = run.test.samples / 8;
      for (let label = 0; label < 8; label++) {
        if (label !== a && label !== b) expect(c[label][label], `shape ${label}`).toBe(perClass);
      }
      // Both mirror images go to one and the same label of the pair.
      const chosen = c[a][a] === perClass ? a : b;
      expect(c[a][chosen]).toBe(perClass);
      expect(c[b][chosen]).toBe(perClass);

      // Why: its logits are invariant under reflections too, so a shape and its mirror image
      // (the other chiral shape, up to a rotation) get the same logits, whatever the weights.
      const samples = tetrisData().test;
      const plain = await logitsOf(gpu, run.model, samples);
      const mirrored = await logitsOf(gpu, run.model, samples.map(inverted));
      expect(relativeError(plain, mirrored)).toBeLessThan(TOL.equivarianceF32);
      run.dispose();
    });
  });
});
