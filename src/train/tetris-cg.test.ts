import { afterAll, describe, expect, it } from 'vitest';
import { TETRIS_MIRROR_PAIRS, tetrisMirrorOf } from '../data/generators/tetris';
import type { NequipModel } from '../models/nequip';
import { Context } from '../tensor/context';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { inverted, tetrisData, trainTetris } from '../test/tetris-training';
import { TOL } from '../test/tolerances';
import { argmaxRows, invarianceError } from './evaluate';

afterAll(releaseTestGpu);

// CI size: the smallest CG model that builds a pseudoscalar (0e → 1o → 1e → 0o takes three blocks).
const CG_MODEL = { tp: 'cg', channels: 4, lmax: 1, layers: 3 };

describe('Tetris with a CG NequIP model', () => {
  it('classifies every rotated test shape, the chiral pair included, through its pseudoscalar', async () => {
    await withDevice(async (gpu) => {
      const run = await trainTetris(gpu, 'nequip', CG_MODEL, { steps: 60, lr: 0.05, logEvery: 20 });
      const model = run.model as NequipModel;
      expect(run.test.accuracy).toBe(1);
      const data = tetrisData();
      expect(await invarianceError(gpu, model, data.test, 7)).toBeLessThan(TOL.equivarianceF32);

      // Mirror images: pooled scalars unchanged, pseudoscalars negated, and the chiral shapes'
      // predictions swap to the mirror label (every other shape is its own mirror image).
      const samples = data.test.slice(0, 8);
      const read = async (s: typeof samples) => {
        const batch = await model.prepare(s);
        const ctx = Context.inference(gpu);
        const r = model.readout(ctx, batch);
        const out = [ctx.read(r.logits), ctx.read(r.scalars), ctx.read(r.pseudoscalars ?? r.scalars)];
        ctx.submit();
        batch.dispose();
        return Promise.all(out);
      };
      const [logits, scalars, pseudo] = await read(samples);
      const [mirrorLogits, mirrorScalars, mirrorPseudo] = await read(samples.map(inverted));
      expect(relativeError(scalars, mirrorScalars)).toBeLessThan(TOL.equivarianceF32);
      expect(
        relativeError(
          pseudo.map((v) => -v),
          mirrorPseudo,
        ),
      ).toBeLessThan(TOL.equivarianceF32);
      expect(Math.max(...pseudo.map(Math.abs))).toBeGreaterThan(1e-3);
      const predicted = argmaxRows(logits, 8);
      const mirrored = argmaxRows(mirrorLogits, 8);
      samples.forEach((s, i) => {
        expect(predicted[i]).toBe(s.label);
        expect(mirrored[i]).toBe(tetrisMirrorOf(s.label as number));
      });
      expect(TETRIS_MIRROR_PAIRS).toEqual([[0, 1]]);
      run.dispose();
    });
  });
});
