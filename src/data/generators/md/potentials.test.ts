import { describe, expect, it } from 'vitest';
import { applyToVectors, type Mat3, randomRotation } from '../../../o3/rotation';
import { relativeError } from '../../../test/compare';
import { TOL } from '../../../test/tolerances';
import { Rng } from '../../../util/random';
import { streamRng } from '../seeds';
import { angle, distance } from './bonded';
import { buildMolecule } from './molecules';
import { energyOf, forcesOf } from './potential';
import { buildMdSystem, MD_SYSTEM_NAMES, type MdSystem } from './systems';

const CLUSTER = { clusterSize: 13, morseRange: 6 };
const deg = Math.PI / 180;

/** The system's starting geometry, displaced by Gaussian noise of `scale` (a few % of a bond). */
function displaced(system: MdSystem, rng: Rng, scale: number): Float64Array {
  return system.initialPositions.map((p) => p + scale * rng.normal());
}

/** Positions relabelled so that slot i holds atom perm[i]. */
function permuted(x: Float64Array, perm: number[]): Float64Array {
  const out = new Float64Array(x.length);
  perm.forEach((j, i) => {
    out.set(x.subarray(3 * j, 3 * j + 3), 3 * i);
  });
  return out;
}

function transformed(x: Float64Array, Q: Mat3, shift: number[]): Float64Array {
  return applyToVectors(Q, x).map((p, k) => p + shift[k % 3]);
}

describe.each(MD_SYSTEM_NAMES)('%s potential', (name) => {
  const system = buildMdSystem(name, CLUSTER, streamRng(1, 3));
  const rng = new Rng(name.length * 31 + 7);
  const x = displaced(system, rng, 0.03);

  it('has forces equal to central finite differences of the energy', () => {
    const h = 1e-5;
    const numeric = x.map((_, k) => {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[k] += h;
      minus[k] -= h;
      return -(energyOf(system.potential, plus) - energyOf(system.potential, minus)) / (2 * h);
    });
    expect(relativeError(numeric, forcesOf(system.potential, x))).toBeLessThan(TOL.finiteDifferenceF64);
  });

  it('has an E(3)-invariant energy and equivariant forces', () => {
    const e = energyOf(system.potential, x);
    const f = forcesOf(system.potential, x);
    // A proper rotation, and an improper one (first row negated: det = −1).
    const maps: Mat3[] = [randomRotation(rng), randomRotation(rng).map((r, k) => (k < 3 ? -r : r))];
    for (const Q of maps) {
      const y = transformed(x, Q, [0.7, -1.3, 2.1]);
      expect(Math.abs(energyOf(system.potential, y) - e)).toBeLessThan(TOL.f64 * Math.max(1, Math.abs(e)));
      expect(relativeError(applyToVectors(Q, f), forcesOf(system.potential, y))).toBeLessThan(TOL.f64);
    }
  });

  it('is invariant under relabelling identical atoms (topology automorphisms for molecules)', () => {
    const e = energyOf(system.potential, x);
    const f = forcesOf(system.potential, x);
    const n = system.masses.length;
    const perms =
      system.automorphisms === 'all'
        ? [Array.from({ length: n }, (_, i) => (i + 5) % n), Array.from({ length: n }, (_, i) => n - 1 - i)]
        : system.automorphisms;
    for (const perm of perms) {
      expect(perm.every((j, i) => system.species[i] === system.species[j])).toBe(true);
      expect(Math.abs(energyOf(system.potential, permuted(x, perm)) - e)).toBeLessThan(
        TOL.f64 * Math.max(1, Math.abs(e)),
      );
      expect(relativeError(permuted(f, perm), forcesOf(system.potential, permuted(x, perm)))).toBeLessThan(
        TOL.f64,
      );
    }
  });
});

describe('molecules', () => {
  it('start at an exact minimum of their force field', () => {
    for (const name of ['water', 'ammonia', 'methane', 'ethanol', 'benzene'] as const) {
      const molecule = buildMolecule(name);
      expect(energyOf(molecule.potential, molecule.positions)).toBeLessThan(TOL.f64Tight);
      expect(Math.max(...forcesOf(molecule.potential, molecule.positions).map(Math.abs))).toBeLessThan(
        TOL.f64,
      );
    }
  });

  it('have the standard geometries they were built from', () => {
    const water = buildMolecule('water');
    expect(distance(water.positions, 0, 1)).toBeCloseTo(0.9572, 12);
    expect(angle(water.positions, 1, 0, 2) / deg).toBeCloseTo(104.52, 10);
    const ammonia = buildMolecule('ammonia');
    expect(angle(ammonia.positions, 1, 0, 3) / deg).toBeCloseTo(106.67, 10);
    const methane = buildMolecule('methane');
    expect(Math.cos(angle(methane.positions, 1, 0, 2))).toBeCloseTo(-1 / 3, 12);
    const ethanol = buildMolecule('ethanol');
    expect(angle(ethanol.positions, 0, 1, 2) / deg).toBeCloseTo(107.8, 10);
    expect(angle(ethanol.positions, 1, 2, 3) / deg).toBeCloseTo(108.5, 10);
    expect(distance(ethanol.positions, 2, 3)).toBeCloseTo(0.971, 12);
    const benzene = buildMolecule('benzene');
    expect(distance(benzene.positions, 0, 1)).toBeCloseTo(1.397, 12);
    expect(distance(benzene.positions, 0, 6)).toBeCloseTo(1.084, 12);
  });

  it('tell topologically different atoms of one element apart (the permutation test has teeth)', () => {
    const ethanol = buildMolecule('ethanol');
    const x = ethanol.positions.map((p, k) => p + 0.02 * Math.sin(3 * k));
    // Swap a methyl hydrogen (4) with a methylene hydrogen (7): same element, different bonds.
    const swap = [0, 1, 2, 3, 7, 5, 6, 4, 8];
    const e = energyOf(ethanol.potential, x);
    // The relabelled geometry stretches two C–H bonds by ~1 Å: far more than the whole strain e.
    expect(Math.abs(energyOf(ethanol.potential, permuted(x, swap)) - e)).toBeGreaterThan(e);
  });
});
