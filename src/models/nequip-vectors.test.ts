import { expect, test } from 'vitest';
import { generateDataset } from '../data/generators/index';
import type { Sample } from '../data/generators/types';
import { applyToVectors, randomRotation } from '../o3/rotation';
import { relativeError } from '../test/compare';
import { withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { predict } from '../train/predict';
import { Rng } from '../util/random';
import { NequipModel } from './nequip';

// N-body systems: positions and velocities in, positions 1000 steps later out (a 1o head + x).
const data = generateDataset('nbody', { seed: 2 }, 'ci');
const samples = data.train.slice(0, 4);
const config = {
  task: 'regression' as const,
  velocities: true,
  numSpecies: data.numSpecies,
  channels: 4,
  lmax: 2,
  layers: 2,
  cutoff: 15,
  avgNumNeighbors: 4,
  seed: 9,
};

/** Each sample with positions mapped by `onPositions`, velocities by `onVectors`, atoms reordered. */
function moved(
  s: Sample,
  onPositions: (v: Float64Array) => Float64Array,
  onVectors: (v: Float64Array) => Float64Array,
  order: number[],
): Sample {
  const rows = (v: Float64Array) =>
    Float64Array.from({ length: v.length }, (_, k) => v[3 * order[Math.floor(k / 3)] + (k % 3)]);
  const pick = <T extends Int32Array | Float64Array>(v: T) => v.map((_, i) => v[order[i]]) as T;
  return {
    ...s,
    structure: {
      positions: onPositions(rows(s.structure.positions)),
      species: pick(s.structure.species),
      ...(s.structure.charges ? { charges: pick(s.structure.charges) } : {}),
    },
    velocities: onVectors(rows(s.velocities as Float64Array)),
  };
}

test('nequip n-body head: predicted positions move with rotations, reflections, translations and permutations', async () => {
  await withDevice(async (gpu) => {
    const model = new NequipModel(gpu, config);
    try {
      const rng = new Rng(3);
      const R = randomRotation(rng);
      const mirror = Float64Array.from(R, (v, i) => (i % 3 === 0 ? -v : v)); // R·diag(−1, 1, 1)
      const t = Float64Array.from({ length: 3 }, () => rng.uniform(-2, 2));
      const n = samples[0].structure.species.length;
      const identity = Array.from({ length: n }, (_, i) => i);
      const order = Array.from({ length: n }, (_, i) => (i + 2) % n);
      const base = (await predict(gpu, model, samples)).outputs;
      const translate = (v: Float64Array) => v.map((x, k) => x + t[k % 3]);
      const same = (v: Float64Array) => v;
      const cases: [
        string,
        (v: Float64Array) => Float64Array,
        (v: Float64Array) => Float64Array,
        number[],
      ][] = [
        ['rotation', (v) => applyToVectors(R, v), (v) => applyToVectors(R, v), identity],
        ['reflection', (v) => applyToVectors(mirror, v), (v) => applyToVectors(mirror, v), identity],
        ['translation', translate, same, identity],
        ['permutation', same, same, order],
      ];
      // Compare displacements f(x) − x (the learned part; positions themselves would dominate the
      // norm): ρ(g) acts on them as on velocities, rows reordered by the permutation.
      const positionsOf = (list: Sample[]) => list.flatMap((s) => Array.from(s.structure.positions));
      const baseDisplacement = positionsOf(samples).map((x, k) => base[k] - x);
      for (const [name, onPositions, onVectors, perm] of cases) {
        const inputs = samples.map((s) => moved(s, onPositions, onVectors, perm));
        const got = (await predict(gpu, model, inputs)).outputs;
        const gotDisplacement = positionsOf(inputs).map((x, k) => got[k] - x);
        const want = samples.flatMap((_, b) => {
          const rows = Float64Array.from(
            { length: 3 * n },
            (_, k) => baseDisplacement[3 * n * b + 3 * perm[Math.floor(k / 3)] + (k % 3)],
          );
          return Array.from(onVectors(rows));
        });
        expect(relativeError(want, gotDisplacement), name).toBeLessThan(TOL.equivarianceF32);
      }
      // The velocities are read: changing them changes the prediction.
      const still = (
        await predict(
          gpu,
          model,
          samples.map((s) => moved(s, same, (v) => v.map(() => 0), identity)),
        )
      ).outputs;
      expect(relativeError(base, still)).toBeGreaterThan(1e-3);
    } finally {
      model.dispose();
    }
  });
});
