/**
 * Force-field data sets with exact labels: Lennard-Jones or Morse clusters, or small molecules
 * (water, ammonia, methane, ethanol, benzene) under a harmonic bond + angle force field, sampled
 * by BAOAB Langevin dynamics after an equilibration run and saved every `strideSteps` steps.
 * Energies and forces (−∇E) are analytic, so a model's force error is never label noise. Each
 * split is its own independent chain (MD17-style random splits of one trajectory share
 * correlated neighbours across splits).
 */
import { applyToVectors, randomRotation } from '../../o3/rotation';
import type { Rng } from '../../util/random';
import { BaoabIntegrator } from './md/langevin';
import { buildMdSystem, isCluster, MD_SYSTEM_NAMES, type MdSystem, type MdSystemName } from './md/systems';
import { streamRng } from './seeds';
import type { Dataset, Sample, SplitSizes } from './types';
import { requireInteger, requirePositive } from './validate';

export interface MdConfig extends SplitSizes {
  seed: number;
  system: MdSystemName;
  /** Atoms in a cluster (lj, morse). */
  clusterSize: number;
  /** Morse range ρ (morse). */
  morseRange: number;
  /** K for molecules; k_B T / ε for clusters. */
  temperature: number;
  /** fs for molecules; τ for clusters. */
  timeStep: number;
  /** Langevin friction γ (1/fs or 1/τ). */
  friction: number;
  /** Steps run (and discarded) before the first saved frame of each split. */
  equilibrationSteps: number;
  /** Steps between saved frames. */
  strideSteps: number;
  /** Move each frame's centre of mass to the origin (energies and forces are unchanged). */
  centre: boolean;
  /** Rotate each frame (positions and forces) by a fresh Haar-random rotation. */
  randomRotation: boolean;
}

export const MD_SIZES: Record<'ci' | 'full', SplitSizes> = {
  ci: { train: 100, validation: 50, test: 50 },
  full: { train: 1000, validation: 500, test: 500 },
};

/**
 * Defaults per family. Molecules: 300 K, dt = 0.5 fs (≈ 1/20 of the O–H stretch period),
 * γ = 0.02 fs⁻¹, frames 100 fs apart (γ·stride = 2, velocity memory e⁻² ≈ 0.14). Clusters:
 * k_B T = 0.15 ε (LJ13 is solid-like below ≈ 0.25 and does not evaporate on these time scales),
 * dt = 0.005 τ, γ = 1 τ⁻¹, frames 2 τ apart.
 */
export function mdDefaults(system: MdSystemName = 'ethanol'): MdConfig {
  const base = {
    seed: 0,
    system,
    clusterSize: 13,
    morseRange: 6,
    centre: true,
    randomRotation: false,
    ...MD_SIZES.full,
  };
  return isCluster(system)
    ? { ...base, temperature: 0.15, timeStep: 0.005, friction: 1, equilibrationSteps: 4000, strideSteps: 400 }
    : {
        ...base,
        temperature: 300,
        timeStep: 0.5,
        friction: 0.02,
        equilibrationSteps: 4000,
        strideSteps: 200,
      };
}

/** One saved frame of a Langevin chain. */
export interface MdFrame {
  positions: Float64Array;
  energy: number;
  forces: Float64Array;
  /** Kinetic energy just after the O step of the frame's last step (unbiased for harmonic modes). */
  midStepKineticEnergy: number;
}

/** Equilibrates a fresh chain from the system's starting geometry, then saves `frames` frames. */
export function sampleChain(system: MdSystem, config: MdConfig, frames: number, rng: Rng): MdFrame[] {
  const integrator = new BaoabIntegrator(
    system.potential,
    system.masses,
    system.units,
    { timeStep: config.timeStep, friction: config.friction, temperature: config.temperature },
    rng,
    system.initialPositions,
  );
  integrator.step(config.equilibrationSteps);
  const out: MdFrame[] = [];
  for (let f = 0; f < frames; f++) {
    integrator.step(config.strideSteps);
    out.push({
      positions: Float64Array.from(integrator.positions),
      energy: integrator.potentialEnergy,
      forces: Float64Array.from(integrator.forces),
      midStepKineticEnergy: integrator.midStepKineticEnergy,
    });
  }
  return out;
}

export function generateMd(overrides: Partial<MdConfig> = {}): Dataset {
  const config: MdConfig = { ...mdDefaults(overrides.system), ...overrides };
  validate(config);
  const system = buildMdSystem(config.system, config, streamRng(config.seed, 3));
  let detachedFrames = 0;
  const makeSplit = (size: number, stream: number): Sample[] => {
    const rng = streamRng(config.seed, stream);
    return sampleChain(system, config, size, rng).map((frame) => {
      if (
        system.neighbourDistance !== null &&
        hasDetachedAtom(frame.positions, 2 * system.neighbourDistance)
      ) {
        detachedFrames++;
      }
      let { positions, forces } = frame;
      if (config.centre) positions = centreOfMass(positions, system.masses);
      if (config.randomRotation) {
        const R = randomRotation(rng);
        positions = applyToVectors(R, positions);
        forces = applyToVectors(R, forces);
      }
      return {
        structure: { positions, species: Int32Array.from(system.species) },
        energy: frame.energy,
        forces,
      };
    });
  };
  const train = makeSplit(config.train, 0);
  const validation = makeSplit(config.validation, 1);
  const test = makeSplit(config.test, 2);
  return {
    name: `md-${config.system}`,
    task: 'forces',
    train,
    validation,
    test,
    numSpecies: system.numSpecies,
    meta: {
      config,
      units: system.units,
      speciesNames: system.speciesNames,
      masses: Array.from(system.masses),
      /** Cluster frames in which some atom has no neighbour within 2 equilibrium distances. */
      detachedFrames,
      source: 'BAOAB Langevin (Leimkuhler & Matthews 2013) on analytic potentials; see docs/datasets.md',
    },
  };
}

/** Mass-weighted centre moved to the origin. */
function centreOfMass(positions: Float64Array, masses: Float64Array): Float64Array {
  const total = masses.reduce((a, m) => a + m, 0);
  const c = [0, 0, 0];
  masses.forEach((m, i) => {
    for (let d = 0; d < 3; d++) c[d] += (m * positions[3 * i + d]) / total;
  });
  return positions.map((p, k) => p - c[k % 3]);
}

/** Whether some atom has evaporated (no neighbour within `limit`). */
function hasDetachedAtom(positions: Float64Array, limit: number): boolean {
  const n = positions.length / 3;
  for (let i = 0; i < n; i++) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = Math.hypot(
        positions[3 * i] - positions[3 * j],
        positions[3 * i + 1] - positions[3 * j + 1],
        positions[3 * i + 2] - positions[3 * j + 2],
      );
      nearest = Math.min(nearest, d);
    }
    if (nearest > limit) return true;
  }
  return false;
}

function validate(config: MdConfig): void {
  if (!(MD_SYSTEM_NAMES as readonly string[]).includes(config.system)) {
    throw new RangeError(`unknown md system ${config.system}; expected one of ${MD_SYSTEM_NAMES.join(', ')}`);
  }
  requireInteger('md train size', config.train);
  requireInteger('md validation size', config.validation);
  requireInteger('md test size', config.test);
  requireInteger('md clusterSize', config.clusterSize, 2);
  requireInteger('md equilibrationSteps', config.equilibrationSteps);
  requireInteger('md strideSteps', config.strideSteps, 1);
  requirePositive('md morseRange', config.morseRange);
  requirePositive('md temperature', config.temperature);
  requirePositive('md timeStep', config.timeStep);
  requirePositive('md friction', config.friction);
}
