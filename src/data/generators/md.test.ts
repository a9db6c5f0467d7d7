import { describe, expect, it } from 'vitest';
import { relativeError } from '../../test/compare';
import { TOL } from '../../test/tolerances';
import { generateMd, MD_SIZES, mdDefaults, sampleChain } from './md';
import { energyOf, forcesOf } from './md/potential';
import { buildMdSystem, type MdSystemName } from './md/systems';
import { streamRng } from './seeds';

describe('BAOAB Langevin sampler', () => {
  // Equipartition: ⟨K⟩ = (3/2) N k_B T. Frames are γ·stride ≥ 2 apart, so nearly independent;
  // each frame's K has variance (3N/2)(k_B T)² for Maxwell velocities, hence the bound below.
  it.each([
    ['water', 1000],
    ['lj', 250],
  ] as [MdSystemName, number][])('%s reproduces the equipartition kinetic energy', (name, frames) => {
    const config = { ...mdDefaults(name), equilibrationSteps: 1000 };
    const system = buildMdSystem(name, config, streamRng(2, 3));
    const samples = sampleChain(system, config, frames, streamRng(2, 0));
    const n = system.masses.length;
    const kT = system.units.boltzmann * config.temperature;
    const mean = samples.reduce((sum, s) => sum + s.midStepKineticEnergy, 0) / frames;
    const standardError = (Math.sqrt(1.5 * n) * kT) / Math.sqrt(frames);
    expect(Math.abs(mean - 1.5 * n * kT)).toBeLessThan(TOL.statisticalZ * standardError);
  });
});

describe('generateMd', () => {
  const sizes = { train: 6, validation: 3, test: 2, equilibrationSteps: 200, strideSteps: 20 };

  it.each(['ethanol', 'morse'] as MdSystemName[])(
    'labels %s frames with the exact energy and forces',
    (name) => {
      const data = generateMd({ system: name, seed: 4, randomRotation: true, ...sizes });
      expect(data.task).toBe('forces');
      expect(data.name).toBe(`md-${name}`);
      const system = buildMdSystem(name, mdDefaults(name), streamRng(0, 3));
      for (const sample of [...data.train, ...data.validation, ...data.test]) {
        const { positions, species } = sample.structure;
        expect(Array.from(species)).toEqual(Array.from(system.species));
        expect(species.every((s) => s >= 0 && s < data.numSpecies)).toBe(true);
        // Labels stay exact after centring and rotating the frame.
        const energy = energyOf(system.potential, positions);
        expect(Math.abs((sample.energy ?? Number.NaN) - energy)).toBeLessThan(
          TOL.f64 * Math.max(1, Math.abs(energy)),
        );
        expect(relativeError(forcesOf(system.potential, positions), sample.forces ?? [])).toBeLessThan(
          TOL.f64,
        );
        // Centre of mass at the origin.
        for (let d = 0; d < 3; d++) {
          let c = 0;
          system.masses.forEach((m, i) => {
            c += m * positions[3 * i + d];
          });
          expect(Math.abs(c)).toBeLessThan(TOL.f64);
        }
      }
    },
  );

  it('reproduces a seed, changes with it, and keeps splits independent', () => {
    const a = generateMd({ system: 'water', seed: 9, ...sizes });
    expect(generateMd({ system: 'water', seed: 9, ...sizes })).toEqual(a);
    const b = generateMd({ system: 'water', seed: 10, ...sizes });
    expect(b.train[0].structure.positions).not.toEqual(a.train[0].structure.positions);
    const larger = generateMd({ system: 'water', seed: 9, ...sizes, train: 12 });
    expect(larger.test).toEqual(a.test);
    expect(larger.train.slice(0, sizes.train)).toEqual(a.train); // a smaller split is a prefix
  });

  it('has ci and full size presets and per-family defaults', () => {
    expect(MD_SIZES.ci.train).toBeLessThan(MD_SIZES.full.train);
    expect(mdDefaults('lj').temperature).toBeLessThan(1);
    expect(mdDefaults('benzene').temperature).toBe(300);
  });

  it('rejects bad configs', () => {
    expect(() => generateMd({ system: 'argon' as MdSystemName })).toThrow(RangeError);
    expect(() => generateMd({ temperature: -1 })).toThrow(RangeError);
    expect(() => generateMd({ strideSteps: 0 })).toThrow(RangeError);
    expect(() => generateMd({ system: 'lj', clusterSize: 1 })).toThrow(RangeError);
  });
});
