import { afterAll, describe, expect, it } from 'vitest';
import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { Context } from '../tensor/context';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { bits } from '../test/op-harness';
import { TOL } from '../test/tolerances';
import { rotateSamples } from '../train/batches';
import { logitsOf } from '../train/evaluate';
import { Rng } from '../util/random';
import { createModel, loadModel, type Model, parametersFromJson, parametersToJson } from './index';
import { NequipModel } from './nequip';

afterAll(releaseTestGpu);

/** Random clouds of 5 atoms of 2 species (within a cutoff of 2, most pairs are edges). */
function clouds(rng: Rng, count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => ({
    structure: {
      positions: rng.normals(15).map((v) => 0.8 * v),
      species: Int32Array.from({ length: 5 }, () => rng.int(2)),
    },
    label: i % 3,
  }));
}

const inverted = (s: Sample): Sample => ({
  ...s,
  structure: { ...s.structure, positions: s.structure.positions.map((v) => -v) },
});

async function readout(gpu: Gpu, model: NequipModel, samples: Sample[]) {
  const batch = await model.prepare(samples);
  const ctx = Context.inference(gpu);
  const r = model.readout(ctx, batch);
  const reads = [ctx.read(r.logits), ctx.read(r.scalars), ctx.read(r.pseudoscalars ?? r.scalars)];
  ctx.submit();
  batch.dispose();
  return Promise.all(reads);
}

const BASE = { numSpecies: 2, numClasses: 3, channels: 3, lmax: 2, layers: 3, cutoff: 2, avgNumNeighbors: 3 };

describe('NequIP model', () => {
  it('cg: logits invariant under rotations; under a reflection scalars stay and pseudoscalars flip', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(21);
      const model = new NequipModel(gpu, { ...BASE, tp: 'cg', seed: 1 });
      expect(model.hidden.toString()).toBe('3x0e+3x0o+3x1o+3x1e+3x2e+3x2o');
      const samples = clouds(rng, 4);
      const [logits, scalars, pseudo] = await readout(gpu, model, samples);
      const [rotated] = await readout(gpu, model, rotateSamples(samples, rng));
      expect(relativeError(logits, rotated)).toBeLessThan(TOL.equivarianceF32);
      const [, mirrorScalars, mirrorPseudo] = await readout(gpu, model, samples.map(inverted));
      expect(relativeError(scalars, mirrorScalars)).toBeLessThan(TOL.equivarianceF32);
      expect(
        relativeError(
          pseudo.map((v) => -v),
          mirrorPseudo,
        ),
      ).toBeLessThan(TOL.equivarianceF32);
      expect(relativeError(pseudo, mirrorPseudo)).toBeGreaterThan(1); // they do change
      model.dispose();
    });
  });

  it.each(['gaunt-fft', 'gaunt-grid', 'gaunt-direct'] as const)(
    '%s: logits invariant under rotations and reflections',
    async (tp) => {
      await withDevice(async (gpu) => {
        const rng = new Rng(22);
        const model = createModel(gpu, 'nequip', { ...BASE, tp, seed: 2 }) as NequipModel;
        expect(model.hidden.toString()).toBe('3x0e+3x1o+3x2e');
        const samples = clouds(rng, 4);
        const plain = await logitsOf(gpu, model, samples);
        const moved = await logitsOf(gpu, model, rotateSamples(samples.map(inverted), rng));
        expect(relativeError(plain, moved)).toBeLessThan(TOL.equivarianceF32);
        model.dispose();
      });
    },
  );
});

describe('save / load', () => {
  it.each([
    ['nequip', { ...BASE, tp: 'cg', lmax: 1, layers: 2 }],
    ['mlp', { numPoints: 5, numClasses: 3, hidden: [8] }],
  ] as const)(
    '%s: a model rebuilt from its JSON snapshot gives bitwise the same logits',
    async (kind, config) => {
      await withDevice(async (gpu) => {
        const samples = clouds(new Rng(23), 3);
        const model: Model = createModel(gpu, kind, { ...config, seed: 9 });
        const snapshot = await model.save();
        expect(snapshot.kind).toBe(kind);
        // Through JSON, as a file would carry it: float32 values survive the round trip exactly.
        const json = JSON.parse(
          JSON.stringify({ ...snapshot, parameters: parametersToJson(snapshot.parameters) }),
        );
        const copy = loadModel(gpu, { ...json, parameters: parametersFromJson(json.parameters) });
        expect(copy.name).toBe(model.name);
        expect(bits(await logitsOf(gpu, copy, samples))).toEqual(bits(await logitsOf(gpu, model, samples)));
        const other = createModel(gpu, kind, { ...config, seed: 10 });
        expect(bits(await logitsOf(gpu, other, samples))).not.toEqual(
          bits(await logitsOf(gpu, model, samples)),
        );
        expect(() => other.load({ ...snapshot, parameters: {} })).toThrow(/parameters do not match/);
        for (const m of [model, copy, other]) m.dispose();
      });
    },
  );
});
