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

// Molecules with exact analytic forces (ethanol, harmonic force field); a small CG energy model.
const data = generateDataset('md', { seed: 3, system: 'ethanol' }, 'ci');
const samples = data.train.slice(0, 3);
const config = {
  task: 'forces' as const,
  numSpecies: data.numSpecies,
  channels: 4,
  lmax: 2,
  layers: 2,
  cutoff: 3,
  avgNumNeighbors: 6,
  seed: 5,
};

function transformed(s: Sample, map: (v: Float64Array) => Float64Array, order?: number[]): Sample {
  const n = s.structure.species.length;
  const perm = order ?? Array.from({ length: n }, (_, i) => i);
  const rows = (v: Float64Array) =>
    Float64Array.from({ length: 3 * n }, (_, k) => v[3 * perm[Math.floor(k / 3)] + (k % 3)]);
  return {
    ...s,
    structure: {
      ...s.structure,
      positions: map(rows(s.structure.positions)),
      species: Int32Array.from(perm, (i) => s.structure.species[i]),
    },
  };
}

test('nequip energy is invariant and its forces equivariant under rotations, reflections, translations and permutations', async () => {
  await withDevice(async (gpu) => {
    const model = new NequipModel(gpu, config);
    try {
      const rng = new Rng(11);
      const R = randomRotation(rng);
      const mirror = Float64Array.from(R, (v, i) => (i < 3 ? -v : v)); // det −1
      const shift = Float64Array.from({ length: 3 }, () => rng.uniform(-3, 3));
      const n = samples[0].structure.species.length;
      const order = Array.from({ length: n }, (_, i) => (i * 5 + 2) % n);
      const base = await predict(gpu, model, samples);
      const forces = base.forces as Float32Array;
      const perSample = (values: ArrayLike<number>, g: (v: Float64Array) => Float64Array, perm?: number[]) =>
        samples.flatMap((_, b) => {
          const v = Float64Array.from({ length: 3 * n }, (_, k) => values[3 * n * b + k]);
          const p = perm ?? Array.from({ length: n }, (_, i) => i);
          return Array.from(
            g(Float64Array.from({ length: 3 * n }, (_, k) => v[3 * p[Math.floor(k / 3)] + (k % 3)])),
          );
        });
      const cases: [
        string,
        (v: Float64Array) => Float64Array,
        (v: Float64Array) => Float64Array,
        number[]?,
      ][] = [
        ['rotation', (v) => applyToVectors(R, v), (v) => applyToVectors(R, v)],
        ['reflection', (v) => applyToVectors(mirror, v), (v) => applyToVectors(mirror, v)],
        ['translation', (v) => v.map((x, k) => x + shift[k % 3]), (v) => v],
        ['permutation', (v) => v, (v) => v, order],
      ];
      for (const [name, onPositions, onForces, perm] of cases) {
        const moved = await predict(
          gpu,
          model,
          samples.map((s) => transformed(s, onPositions, perm)),
        );
        expect(relativeError(base.outputs, moved.outputs), `${name}: energy`).toBeLessThan(
          TOL.equivarianceF32,
        );
        const want = perSample(forces, onForces, perm);
        expect(relativeError(want, moved.forces as Float32Array), `${name}: forces`).toBeLessThan(
          TOL.equivarianceF32,
        );
      }
    } finally {
      model.dispose();
    }
  });
});

test('nequip forces are minus the finite-difference gradient of its energy', async () => {
  await withDevice(async (gpu) => {
    const model = new NequipModel(gpu, config);
    try {
      const sample = samples[0];
      const { forces } = await predict(gpu, model, [sample]);
      // Central differences of the float32 energy along every coordinate at steps h and 2h, all in
      // one batch, Richardson-extrapolated ((4·D(h) − D(2h))/3) so the O(h²) truncation cancels.
      const h = 1e-2;
      const steps = [h, -h, 2 * h, -2 * h];
      // Six coordinates (the first two atoms) keep the batch CI-sized.
      const coordinates = [0, 1, 2, 3, 4, 5];
      const shifted: Sample[] = [];
      for (const k of coordinates)
        for (const d of steps)
          shifted.push(transformed(sample, (v) => v.map((x, i) => (i === k ? x + d : x))));
      const e = (await predict(gpu, model, shifted, 128)).outputs;
      const fd = coordinates.map((_, c) => {
        const [p1, m1, p2, m2] = [0, 1, 2, 3].map((j) => e[4 * c + j]);
        return -(4 * ((p1 - m1) / (2 * h)) - (p2 - m2) / (4 * h)) / 3;
      });
      const autograd = coordinates.map((k) => (forces as Float32Array)[k]);
      expect(relativeError(fd, autograd)).toBeLessThan(TOL.forcesVsEnergyDifferencesF32);
    } finally {
      model.dispose();
    }
  });
});
