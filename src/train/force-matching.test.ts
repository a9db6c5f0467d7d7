import { expect, test } from 'vitest';
import { generateDataset } from '../data/generators/index';
import { NequipModel } from '../models/nequip';
import type { Context } from '../tensor/context';
import { withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Trainer } from './trainer';

const data = generateDataset('md', { seed: 1, system: 'water' }, 'ci');
const samples = data.train.slice(0, 4);

/**
 * The force-matching gradient (a central difference of first-order gradients, Trainer.forceMatchingStep)
 * against a central difference of the loss itself along a random direction in weight space:
 * two independent routes to ∂L/∂θ·d.
 */
test('force matching: the trainer gradient matches finite differences of the energy+force loss', async () => {
  await withDevice(async (gpu) => {
    const model = new NequipModel(gpu, {
      task: 'forces',
      numSpecies: data.numSpecies,
      channels: 4,
      lmax: 1,
      layers: 1,
      cutoff: 2.5,
      avgNumNeighbors: 2,
      seed: 2,
    });
    const trainer = new Trainer(gpu, model, samples, {
      batchSize: samples.length,
      energyWeight: 1,
      forceWeight: 1,
    });
    const batch = await model.prepare(samples);
    const triple = await model.prepare([...samples, ...samples, ...samples]);
    try {
      const params = model.parameters;
      let grads: Promise<Float32Array>[] = [];
      const keepGrads = (ctx: Context) => {
        grads = params.map((p) => {
          if (!p.grad) throw new Error(`no gradient for ${p.label}`);
          return ctx.read(p.grad);
        });
      };
      trainer.forceMatchingStep(batch, triple, false, keepGrads);
      const g = await Promise.all(grads);
      for (const p of params) p.disposeGrad();

      const rng = new Rng(4);
      const theta = await Promise.all(params.map((p) => p.read()));
      const direction = theta.map((t) => Float32Array.from(t, () => rng.normal()));
      const norm = Math.sqrt(direction.reduce((s, d) => s + d.reduce((a, v) => a + v * v, 0), 0));
      const lossAt = async (h: number) => {
        params.forEach((p, i) => {
          p.write(theta[i].map((t, k) => t + (h * direction[i][k]) / norm));
        });
        const loss = trainer.forceMatchingStep(batch, triple, true, () => {});
        for (const p of params) p.disposeGrad();
        return (await (loss as Promise<Float32Array>))[0];
      };
      const h = 3e-3;
      const fd = ((await lossAt(h)) - (await lossAt(-h))) / (2 * h);
      const analytic = g.reduce(
        (s, gi, i) => s + gi.reduce((a, v, k) => a + (v * direction[i][k]) / norm, 0),
        0,
      );
      expect(Math.abs(fd - analytic) / Math.abs(analytic)).toBeLessThan(TOL.forceMatchingGradient);
    } finally {
      batch.dispose();
      triple.dispose();
      trainer.dispose();
      model.dispose();
    }
  });
});
