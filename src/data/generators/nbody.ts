/**
 * The charged n-body data set of EGNN (Satorras, Hoogeboom & Welling, ICML 2021, "nbody_small"):
 * five particles with charges ±1 start at random positions with random velocities of fixed
 * speed; given positions, velocities and charges at frame 30, predict the positions at frame 40,
 * i.e. 1000 leapfrog steps later. The map is E(3)-equivariant (up to force clipping, see below).
 *
 * Protocol, after vgsatorras/egnn n_body_system/dataset (generate_dataset.py, synthetic_sim.py,
 * dataset_nbody.py): positions ~ N(0, loc_std²) per coordinate with loc_std = (n/5)^{1/3}; each
 * velocity a uniformly random direction times 0.5; dt = 0.001; EGNN's loop kicks a full dt·F
 * first and then alternates drift / kick, recording (x, v) every 100 steps, where frame k is step
 * 100·(k + 1) (its first record overwrites the initial state) and v is the velocity of the last
 * drift. We integrate the identical positions with velocity Verlet (see `simulateFrames`).
 *
 * Deviations (documented in docs/datasets.md): forces are clipped by norm by default (EGNN clips
 * each component, which is not rotation-equivariant; `forceClip: 'component'` restores it); and
 * trajectories stop at the target frame instead of running to step 5000.
 */
import type { Rng } from '../../util/random';
import { ChargedParticleBatch, type ChargedParticleOptions, type ForceClipMode } from './charged-particles';
import { streamRng } from './seeds';
import type { Dataset, Sample, SplitSizes } from './types';
import { requireInteger, requirePositive } from './validate';

export interface NBodyConfig extends SplitSizes {
  seed: number;
  numParticles: number;
  timeStep: number;
  interactionStrength: number;
  /** loc_std before EGNN's (n/5)^{1/3} scaling (default 1). */
  positionStd: number;
  /** Initial speed of every particle (EGNN vel_norm, default 0.5). */
  speed: number;
  /** Steps between recorded frames (default 100). */
  sampleEvery: number;
  /** Frame whose positions, velocities and charges are the input (default 30). */
  inputFrame: number;
  /** Frame whose positions are the target (default 40). */
  targetFrame: number;
  forceClip: ForceClipMode;
  /** Force limit (EGNN: 0.1 / dt = 100). */
  maxForce: number;
  /**
   * EGNN reflects initial coordinates beyond ±box_size = 5 once, at t = 0 (a 5σ event); there
   * are no walls afterwards. `null` skips the reflection.
   */
  initialBox: number | null;
}

export const NBODY_SIZES: Record<'ci' | 'full', SplitSizes> = {
  ci: { train: 100, validation: 50, test: 50 },
  full: { train: 3000, validation: 2000, test: 2000 },
};

export const NBODY_DEFAULTS: NBodyConfig = {
  seed: 0,
  ...NBODY_SIZES.full,
  numParticles: 5,
  timeStep: 0.001,
  interactionStrength: 1,
  positionStd: 1,
  speed: 0.5,
  sampleEvery: 100,
  inputFrame: 30,
  targetFrame: 40,
  forceClip: 'norm',
  maxForce: 100,
  initialBox: 5,
};

/** Initial conditions of one trajectory. */
export interface NBodyInitialState {
  positions: Float64Array;
  velocities: Float64Array;
  charges: Float64Array;
}

/** Positions and (EGNN-style, staggered) velocities of one system at one recorded step. */
export interface RecordedFrame {
  step: number;
  positions: Float64Array;
  velocities: Float64Array;
}

/** The integration step of frame k: EGNN's first record is at step `sampleEvery`. */
export function frameStep(frame: number, sampleEvery: number): number {
  return (frame + 1) * sampleEvery;
}

/** Draws charges, positions and velocities as EGNN's `sample_trajectory` does. */
export function sampleInitialState(config: NBodyConfig, rng: Rng): NBodyInitialState {
  const n = config.numParticles;
  const charges = new Float64Array(n);
  for (let i = 0; i < n; i++) charges[i] = rng.next() < 0.5 ? -1 : 1;
  const std = config.positionStd * Math.cbrt(n / 5);
  const positions = rng.normals(3 * n).map((z) => z * std);
  const velocities = rng.unitVectors(n).map((u) => u * config.speed);
  const box = config.initialBox;
  if (box !== null) {
    for (let i = 0; i < positions.length; i++) {
      // EGNN's `_clamp`: mirror at the wall and point the velocity back inside.
      if (positions[i] > box) {
        positions[i] = 2 * box - positions[i];
        velocities[i] = -Math.abs(velocities[i]);
      } else if (positions[i] < -box) {
        positions[i] = -2 * box - positions[i];
        velocities[i] = Math.abs(velocities[i]);
      }
    }
  }
  return { positions, velocities, charges };
}

/**
 * Simulates the given systems together and records each at `steps` (ascending): result[s][b] is
 * system b at steps[s]. EGNN's scheme — v ← v0 + dt·F(x0), then repeated (drift, kick) — visits
 * the same positions as velocity Verlet started from the synchronised velocity v0 + (dt/2)·F(x0),
 * and the velocity it records at step s is the synchronised one minus (dt/2)·F(x_s). We integrate
 * in the synchronised, time-reversible form and convert at both ends.
 */
export function simulateFrames(
  options: Omit<ChargedParticleOptions, 'batchSize'>,
  systems: readonly NBodyInitialState[],
  steps: readonly number[],
): { frames: RecordedFrame[][]; clipped: boolean[] } {
  const sim = new ChargedParticleBatch({ ...options, batchSize: systems.length });
  const halfStep = options.timeStep / 2;
  systems.forEach((s, b) => {
    sim.setSystem(b, s.positions, s.velocities, s.charges);
  });
  sim.computeForces();
  sim.kick(halfStep);
  const frames: RecordedFrame[][] = [];
  let now = 0;
  for (const step of steps) {
    if (!(Number.isInteger(step) && step >= now))
      throw new RangeError('steps must be ascending integers ≥ 0');
    sim.advance(step - now);
    now = step;
    frames.push(
      systems.map((_, b) => ({
        step,
        positions: sim.positionsOf(b),
        velocities: sim.velocitiesOf(b, -halfStep),
      })),
    );
  }
  return { frames, clipped: Array.from(sim.clipped, (c) => c === 1) };
}

/** The simulator options of a config. */
export function simulatorOptions(config: NBodyConfig): Omit<ChargedParticleOptions, 'batchSize'> {
  return {
    numParticles: config.numParticles,
    timeStep: config.timeStep,
    interactionStrength: config.interactionStrength,
    forceClip: config.forceClip,
    maxForce: config.maxForce,
  };
}

/** Systems simulated together; larger batches stop paying off once they leave the L1 cache. */
const BATCH_SIZE = 32;

export function generateNBody(overrides: Partial<NBodyConfig> = {}): Dataset {
  const config: NBodyConfig = { ...NBODY_DEFAULTS, ...overrides };
  validate(config);
  const options = simulatorOptions(config);
  const steps = [
    frameStep(config.inputFrame, config.sampleEvery),
    frameStep(config.targetFrame, config.sampleEvery),
  ];
  let clippedTrajectories = 0;
  const makeSplit = (size: number, stream: number): Sample[] => {
    const rng = streamRng(config.seed, stream);
    const samples: Sample[] = [];
    for (let start = 0; start < size; start += BATCH_SIZE) {
      const initial = Array.from({ length: Math.min(BATCH_SIZE, size - start) }, () =>
        sampleInitialState(config, rng),
      );
      const { frames, clipped } = simulateFrames(options, initial, steps);
      clippedTrajectories += clipped.filter(Boolean).length;
      initial.forEach((system, b) => {
        const [input, target] = [frames[0][b], frames[1][b]];
        // Species mirror the charge sign, so a model that reads only species still sees charges.
        const species = Int32Array.from(system.charges, (q) => (q > 0 ? 1 : 0));
        samples.push({
          structure: { positions: input.positions, species, charges: system.charges },
          velocities: input.velocities,
          target: target.positions,
        });
      });
    }
    return samples;
  };
  const train = makeSplit(config.train, 0);
  const validation = makeSplit(config.validation, 1);
  const test = makeSplit(config.test, 2);
  return {
    name: 'nbody',
    task: 'regression',
    train,
    validation,
    test,
    numSpecies: 2,
    meta: {
      config,
      inputStep: steps[0],
      targetStep: steps[1],
      speciesFromCharge: { '-1': 0, '1': 1 },
      clippedTrajectories,
      source: 'EGNN (Satorras et al. 2021) charged n-body, after Kipf et al. 2018 (NRI)',
    },
  };
}

function validate(config: NBodyConfig): void {
  requireInteger('nbody train size', config.train);
  requireInteger('nbody validation size', config.validation);
  requireInteger('nbody test size', config.test);
  requireInteger('nbody numParticles', config.numParticles, 2);
  requireInteger('nbody sampleEvery', config.sampleEvery, 1);
  requireInteger('nbody inputFrame', config.inputFrame);
  requireInteger('nbody targetFrame', config.targetFrame, config.inputFrame + 1);
  requirePositive('nbody timeStep', config.timeStep);
  requirePositive('nbody interactionStrength', config.interactionStrength, true);
  requirePositive('nbody positionStd', config.positionStd);
  requirePositive('nbody speed', config.speed, true);
  requirePositive('nbody maxForce', config.maxForce);
  if (config.initialBox !== null) requirePositive('nbody initialBox', config.initialBox);
  if (!['component', 'norm', 'none'].includes(config.forceClip)) {
    throw new RangeError(`nbody forceClip must be component, norm or none, got ${config.forceClip}`);
  }
}
