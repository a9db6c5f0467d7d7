import { afterAll, describe, expect, it } from 'vitest';
import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { applyToVectors, type Mat3 } from '../o3/rotation';
import * as ops from '../ops/index';
import { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { randomOrthogonal } from '../test/irreps-actions';
import { bits } from '../test/op-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { type FacetConfig, FacetModel } from './facet';
import { createModel, loadModel, parametersFromJson, parametersToJson } from './index';

afterAll(releaseTestGpu);

/** Random clouds of 5 atoms of 2 species (within a cutoff of 2, most pairs are edges). */
function clouds(rng: Rng, count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => ({
    structure: {
      positions: rng.normals(15).map((v) => 0.8 * v),
      species: Int32Array.from({ length: 5 }, () => rng.int(2)),
    },
    label: i % 3,
    energy: 0,
  }));
}

const mapPositions = (samples: Sample[], f: (p: Float64Array) => Float64Array): Sample[] =>
  samples.map((s) => ({ ...s, structure: { ...s.structure, positions: f(s.structure.positions) } }));
const transformed = (samples: Sample[], R: Mat3) => mapPositions(samples, (p) => applyToVectors(R, p));
const translated = (samples: Sample[], t: readonly number[]) =>
  mapPositions(samples, (p) => p.map((v, i) => v + t[i % 3]));

/** Atom i of every structure goes to place perm[i]; per-atom rows move the same way. */
const PERM = [3, 0, 4, 1, 2];
const permuteRows = (rows: Float64Array, atoms: number): Float64Array => {
  const out = new Float64Array(rows.length);
  for (let s = 0; s < rows.length / (3 * atoms); s++)
    PERM.forEach((to, from) => {
      for (let c = 0; c < 3; c++) out[3 * (s * atoms + to) + c] = rows[3 * (s * atoms + from) + c];
    });
  return out;
};
const permuted = (samples: Sample[]): Sample[] =>
  samples.map((s) => {
    const species = new Int32Array(5);
    PERM.forEach((to, from) => {
      species[to] = s.structure.species[from];
    });
    return { ...s, structure: { positions: permuteRows(s.structure.positions, 5), species } };
  });

/** Energies [B] and forces −∂E/∂positions [N·3] through the tape. */
async function energyAndForces(gpu: Gpu, model: FacetModel, samples: Sample[]) {
  const batch = await model.prepare(samples);
  const ctx = new Context(gpu);
  const energy = model.forward(ctx, batch);
  ctx.backward(ops.sumAll(ctx, energy));
  const e = ctx.read(energy);
  await ctx.submit();
  const grad = await (batch.positions.grad as Tensor).read();
  const out = { energy: Float64Array.from(await e), forces: Float64Array.from(grad, (v) => -v) };
  batch.dispose();
  return out;
}

async function outputOf(gpu: Gpu, model: FacetModel, samples: Sample[]): Promise<Float32Array> {
  const batch = await model.prepare(samples);
  const ctx = Context.inference(gpu);
  const out = ctx.read(model.forward(ctx, batch));
  await ctx.submit();
  batch.dispose();
  return out;
}

const BASE: Partial<FacetConfig> = {
  numSpecies: 2,
  numClasses: 3,
  channels: 4,
  lmax: 2,
  layers: 2,
  cutoff: 2,
  avgNumNeighbors: 3,
  mixHidden: 8,
};
const INVERSION = Float64Array.from([-1, 0, 0, 0, -1, 0, 0, 0, -1]);

describe('Facet model, forces', () => {
  it('linear grid MLP: energy invariant and forces equivariant under rotations (exact)', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(61);
      const model = new FacetModel(gpu, { ...BASE, task: 'forces', gridActivation: 'identity', seed: 1 });
      const samples = clouds(rng, 2);
      const a = await energyAndForces(gpu, model, samples);
      const R = randomOrthogonal(rng, false);
      const b = await energyAndForces(gpu, model, transformed(samples, R));
      expect(relativeError(a.energy, b.energy)).toBeLessThan(TOL.equivarianceF32);
      expect(relativeError(applyToVectors(R, a.forces), b.forces)).toBeLessThan(TOL.equivarianceF32);
      model.dispose();
    });
  });

  it('quadratic grid (default): energy and forces exact under rotations, inversion, translations, permutations', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(66);
      const model = new FacetModel(gpu, { ...BASE, task: 'forces', seed: 4 });
      expect(model.name).toBe('facet-cg-c4-l2-x2-g8');
      const samples = clouds(rng, 2);
      const a = await energyAndForces(gpu, model, samples);
      const R = randomOrthogonal(rng, false);
      const cases: [string, Sample[], Float64Array][] = [
        ['rotation', transformed(samples, R), applyToVectors(R, a.forces)],
        ['inversion', transformed(samples, INVERSION), applyToVectors(INVERSION, a.forces)],
        ['translation', translated(samples, [0.7, -1.3, 2.1]), a.forces],
        ['permutation', permuted(samples), permuteRows(a.forces, 5)],
      ];
      for (const [name, moved, forces] of cases) {
        const b = await energyAndForces(gpu, model, moved);
        expect(relativeError(a.energy, b.energy), `${name}: energy`).toBeLessThan(TOL.equivarianceF32);
        expect(relativeError(forces, b.forces), `${name}: forces`).toBeLessThan(TOL.equivarianceF32);
      }
      model.dispose();
    });
  });

  it('SiLU grid: exact under inversion, translation, permutation; rotations up to the grid', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(62);
      const model = new FacetModel(gpu, { ...BASE, task: 'forces', gridActivation: 'silu', seed: 2 });
      expect(model.name).toBe('facet-cg-c4-l2-x2-g8-silu');
      expect(model.hidden.toString()).toBe('4x0e+4x1o+4x2e');
      const samples = clouds(rng, 2);
      const a = await energyAndForces(gpu, model, samples);
      const check = async (name: string, moved: Sample[], forces: Float64Array, tol: number) => {
        const b = await energyAndForces(gpu, model, moved);
        expect(relativeError(a.energy, b.energy), `${name}: energy`).toBeLessThan(tol);
        expect(relativeError(forces, b.forces), `${name}: forces`).toBeLessThan(tol);
        return relativeError(forces, b.forces);
      };
      const tol = TOL.equivarianceF32;
      await check('inversion', transformed(samples, INVERSION), applyToVectors(INVERSION, a.forces), tol);
      await check('translation', translated(samples, [0.7, -1.3, 2.1]), a.forces, tol);
      await check('permutation', permuted(samples), permuteRows(a.forces, 5), tol);
      const R = randomOrthogonal(rng, false);
      const rotation = await check(
        'rotation',
        transformed(samples, R),
        applyToVectors(R, a.forces),
        TOL.facetRotation,
      );
      expect(rotation).toBeGreaterThan(tol); // the grid's aliasing shows: not exact
      model.dispose();
    });
  });

  it('SiLU grid: the rotation error of the forces falls as the grid refines', async () => {
    await withDevice(async (gpu) => {
      const errors: number[] = [];
      for (const gridTheta of [3, 6, 12]) {
        const rng = new Rng(63);
        const model = new FacetModel(gpu, {
          ...BASE,
          task: 'forces',
          gridActivation: 'silu',
          layers: 1,
          gridTheta,
          seed: 3,
        });
        const samples = clouds(rng, 2);
        const R = randomOrthogonal(rng, false);
        const a = await energyAndForces(gpu, model, samples);
        const b = await energyAndForces(gpu, model, transformed(samples, R));
        errors.push(relativeError(applyToVectors(R, a.forces), b.forces));
        model.dispose();
      }
      expect(errors[1]).toBeLessThan(errors[0]);
      expect(errors[2]).toBeLessThan(errors[1]);
      expect(errors[2]).toBeLessThan(errors[0] / 100);
    });
  });

  it('forces are −∂E/∂positions: directional central differences of the energy', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(64);
      const model = new FacetModel(gpu, { ...BASE, task: 'forces', energyShift: 0.5, seed: 4 });
      const samples = clouds(rng, 2);
      const { forces } = await energyAndForces(gpu, model, samples);
      const h = 1e-2;
      const want: number[] = [];
      const got: number[] = [];
      for (let k = 0; k < 4; k++) {
        // A unit direction: the step moves the structure by h in all, as the tolerance assumes.
        const raw = rng.normals(forces.length);
        const d = raw.map((v) => v / Math.hypot(...raw));
        const shifted = (sign: number) =>
          samples.map((s, i) => ({
            ...s,
            structure: {
              ...s.structure,
              positions: s.structure.positions.map((v, j) => v + sign * h * d[15 * i + j]),
            },
          }));
        const total = async (sign: number) =>
          (await energyAndForces(gpu, model, shifted(sign))).energy.reduce((p, v) => p + v, 0);
        want.push(-((await total(1)) - (await total(-1))) / (2 * h));
        got.push(forces.reduce((p, f, j) => p + f * d[j], 0));
      }
      expect(relativeError(want, got)).toBeLessThan(TOL.forcesVsEnergyDifferencesF32);
      model.dispose();
    });
  });
});

describe('Facet model, other heads', () => {
  it.each(['cg', 'gaunt-grid'] as const)(
    '%s classification: logits [B, K], exactly invariant under inversion, translation and permutation',
    async (tp) => {
      await withDevice(async (gpu) => {
        const rng = new Rng(65);
        const model = createModel(gpu, 'facet', { ...BASE, tp, seed: 5 }) as FacetModel;
        expect(model.task).toBe('classification');
        const samples = clouds(rng, 3);
        const logits = await outputOf(gpu, model, samples);
        expect(logits.length).toBe(3 * 3);
        for (const moved of [
          transformed(samples, INVERSION),
          translated(samples, [1, 2, -3]),
          permuted(samples),
        ])
          expect(relativeError(logits, await outputOf(gpu, model, moved))).toBeLessThan(TOL.equivarianceF32);
        // The default quadratic grid activation is band-limited: rotations are exact too.
        const rotated = await outputOf(gpu, model, transformed(samples, randomOrthogonal(rng, false)));
        expect(relativeError(logits, rotated)).toBeLessThan(TOL.equivarianceF32);
        model.dispose();
      });
    },
  );

  it('regression: positions + a 1o vector from positions and velocities; O(3) (linear grid) and translations', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(66);
      const model = new FacetModel(gpu, {
        ...BASE,
        task: 'regression',
        velocities: true,
        gridActivation: 'identity',
        seed: 6,
      });
      expect(model.numClasses).toBe(3);
      expect(model.inputIrreps.toString()).toBe('4x0e+1x1o');
      const samples = clouds(rng, 2).map((s) => ({ ...s, velocities: rng.normals(15) }));
      const y = Float64Array.from(await outputOf(gpu, model, samples));
      expect(y.length).toBe(2 * 5 * 3);
      const R = randomOrthogonal(rng, true);
      const moved = transformed(samples, R).map((s) => ({
        ...s,
        velocities: applyToVectors(R, s.velocities as Float64Array),
      }));
      expect(relativeError(applyToVectors(R, y), await outputOf(gpu, model, moved))).toBeLessThan(
        TOL.equivarianceF32,
      );
      const t = [0.5, -0.25, 1];
      const yT = await outputOf(gpu, model, translated(samples, t));
      expect(
        relativeError(
          y.map((v, i) => v + t[i % 3]),
          yT,
        ),
      ).toBeLessThan(TOL.equivarianceF32);
      // The velocities matter: without them the prediction changes.
      const still = samples.map((s) => ({ ...s, velocities: new Float64Array(15) }));
      expect(relativeError(y, await outputOf(gpu, model, still))).toBeGreaterThan(1e-3);
      expect(
        () => new FacetModel(gpu, { ...BASE, task: 'regression', velocities: true, tp: 'gaunt-fft' }),
      ).toThrow(/velocities/);
      model.dispose();
    });
  });

  it('save / load through JSON gives bitwise the same outputs; forward is deterministic', async () => {
    await withDevice(async (gpu) => {
      const samples = clouds(new Rng(67), 2);
      const config = { ...BASE, task: 'forces' as const, layers: 1, seed: 7 };
      const model = createModel(gpu, 'facet', config) as FacetModel;
      const first = await outputOf(gpu, model, samples);
      expect(bits(await outputOf(gpu, model, samples))).toEqual(bits(first));
      const twin = createModel(gpu, 'facet', config) as FacetModel;
      expect(bits(await outputOf(gpu, twin, samples))).toEqual(bits(first));
      const snapshot = await model.save();
      expect(snapshot.kind).toBe('facet');
      const json = JSON.parse(
        JSON.stringify({ ...snapshot, parameters: parametersToJson(snapshot.parameters) }),
      );
      const copy = loadModel(gpu, { ...json, parameters: parametersFromJson(json.parameters) }) as FacetModel;
      expect(copy.name).toBe(model.name);
      expect(bits(await outputOf(gpu, copy, samples))).toEqual(bits(first));
      const other = createModel(gpu, 'facet', { ...config, seed: 8 }) as FacetModel;
      expect(bits(await outputOf(gpu, other, samples))).not.toEqual(bits(first));
      expect(() => other.load({ ...snapshot, parameters: {} })).toThrow(/parameters do not match/);
      for (const m of [model, twin, copy, other]) m.dispose();
    });
  });
});
