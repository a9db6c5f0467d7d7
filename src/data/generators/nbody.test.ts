import { describe, expect, it } from 'vitest';
import { applyToVectors, det, type Mat3, randomRotation } from '../../o3/rotation';
import { relativeError } from '../../test/compare';
import { TOL } from '../../test/tolerances';
import { Rng } from '../../util/random';
import { ChargedParticleBatch, type ForceClipMode } from './charged-particles';
import {
  frameStep,
  generateNBody,
  NBODY_DEFAULTS,
  type NBodyInitialState,
  sampleInitialState,
  simulateFrames,
  simulatorOptions,
} from './nbody';

const STEPS = [frameStep(30, 100), frameStep(40, 100)];

function systems(count: number, seed: number): NBodyInitialState[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => sampleInitialState(NBODY_DEFAULTS, rng));
}

function batchOf(
  states: NBodyInitialState[],
  timeStep: number,
  forceClip: ForceClipMode,
): ChargedParticleBatch {
  const options = { ...simulatorOptions(NBODY_DEFAULTS), timeStep, forceClip, batchSize: states.length };
  const sim = new ChargedParticleBatch(options);
  states.forEach((s, b) => {
    sim.setSystem(b, s.positions, s.velocities, s.charges);
  });
  sim.computeForces();
  return sim;
}

/** Initial states mapped by x → Q x + shift, v → Q v. */
function transformed(states: NBodyInitialState[], Q: Mat3, shift: number[]): NBodyInitialState[] {
  return states.map((s) => ({
    ...s,
    positions: applyToVectors(Q, s.positions).map((p, k) => p + shift[k % 3]),
    velocities: applyToVectors(Q, s.velocities),
  }));
}

/**
 * A literal transcription of EGNN's `ChargedParticlesSim.sample_trajectory` loop (component
 * clipping, full first kick, record after each drift), positions and velocities only.
 */
function egnnLoop(s: NBodyInitialState, totalSteps: number, sampleEvery: number): Float64Array[][] {
  const { dt, maxF } = { dt: 0.001, maxF: 0.1 / 0.001 };
  const n = s.charges.length;
  const x = Float64Array.from(s.positions);
  const v = Float64Array.from(s.velocities);
  const force = (): Float64Array => {
    const f = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const d = [0, 1, 2].map((c) => x[3 * i + c] - x[3 * j + c]);
        const r3 = Math.hypot(d[0], d[1], d[2]) ** 3;
        for (let c = 0; c < 3; c++) f[3 * i + c] += (s.charges[i] * s.charges[j] * d[c]) / r3;
      }
    }
    return f.map((fc) => Math.min(maxF, Math.max(-maxF, fc)));
  };
  const records: Float64Array[][] = [];
  let f = force();
  for (let k = 0; k < v.length; k++) v[k] += dt * f[k];
  for (let step = 1; step <= totalSteps; step++) {
    for (let k = 0; k < x.length; k++) x[k] += dt * v[k];
    if (step % sampleEvery === 0) records.push([Float64Array.from(x), Float64Array.from(v)]);
    f = force();
    for (let k = 0; k < v.length; k++) v[k] += dt * f[k];
  }
  return records;
}

describe('charged particle simulator', () => {
  it('records the positions and velocities of a literal transcription of EGNN’s loop', () => {
    const states = systems(4, 1);
    const options = { ...simulatorOptions(NBODY_DEFAULTS), forceClip: 'component' as const };
    const steps = [10, 20, 30, 40, 50];
    const { frames } = simulateFrames(options, states, steps);
    states.forEach((s, b) => {
      const want = egnnLoop(s, 50, 10);
      steps.forEach((_, k) => {
        expect(relativeError(want[k][0], frames[k][b].positions)).toBeLessThan(TOL.f64);
        expect(relativeError(want[k][1], frames[k][b].velocities)).toBeLessThan(TOL.f64);
      });
    });
  });

  it('conserves kinetic + Coulomb energy when no force is clipped', () => {
    // Small steps over a short time (0.5 units); skip the systems that had a close encounter.
    const sim = batchOf(systems(16, 2), 1e-4, 'norm');
    const before = Array.from({ length: sim.batch }, (_, b) => sim.energy(b));
    sim.advance(5000);
    let checked = 0;
    for (let b = 0; b < sim.batch; b++) {
      if (sim.clipped[b]) continue;
      checked++;
      const drift = Math.abs(sim.energy(b) - before[b]) / Math.abs(before[b]);
      expect(drift).toBeLessThan(TOL.verletEnergyDrift);
    }
    expect(checked).toBeGreaterThan(sim.batch / 2);
  });

  it('conserves total momentum (pairwise forces cancel)', () => {
    const sim = batchOf(systems(8, 3), 1e-3, 'none');
    const before = Array.from({ length: sim.batch }, (_, b) => sim.momentum(b));
    sim.advance(1000);
    for (let b = 0; b < sim.batch; b++) {
      const after = sim.momentum(b);
      for (let c = 0; c < 3; c++) expect(Math.abs(after[c] - before[b][c])).toBeLessThan(TOL.f64);
    }
  });

  it('is time-reversible: negating the velocities retraces the trajectory', () => {
    const states = systems(8, 4);
    const sim = batchOf(states, 1e-3, 'norm');
    sim.advance(1000);
    for (const v of [sim.vx, sim.vy, sim.vz]) for (let k = 0; k < v.length; k++) v[k] = -v[k];
    sim.advance(1000);
    states.forEach((s, b) => {
      expect(relativeError(s.positions, sim.positionsOf(b))).toBeLessThan(TOL.chaoticTrajectoryF64);
      const back = sim.velocitiesOf(b).map((v) => -v);
      expect(relativeError(s.velocities, back)).toBeLessThan(TOL.chaoticTrajectoryF64);
    });
  });

  it('is E(3)-equivariant: simulate(Q x0 + t, Q v0) = Q simulate(x0, v0) + t', () => {
    const rng = new Rng(5);
    const states = systems(32, 5);
    const options = simulatorOptions(NBODY_DEFAULTS);
    // Frames up to step 1000, where round-off has not yet been amplified by close encounters.
    const steps = [300, 1000];
    const base = simulateFrames(options, states, steps);
    // A rotation, and an improper map (a rotation with its first row negated: det = −1).
    const maps: Mat3[] = [randomRotation(rng), randomRotation(rng).map((r, k) => (k < 3 ? -r : r))];
    expect(det(maps[1])).toBeCloseTo(-1, 12);
    const shift = [1.5, -2, 0.25];
    for (const Q of maps) {
      const out = simulateFrames(options, transformed(states, Q, shift), steps);
      steps.forEach((_, f) => {
        states.forEach((_, b) => {
          const want = applyToVectors(Q, base.frames[f][b].positions).map((p, k) => p + shift[k % 3]);
          expect(relativeError(want, out.frames[f][b].positions)).toBeLessThan(TOL.chaoticTrajectoryF64);
          const wantV = applyToVectors(Q, base.frames[f][b].velocities);
          expect(relativeError(wantV, out.frames[f][b].velocities)).toBeLessThan(TOL.chaoticTrajectoryF64);
        });
      });
    }
  });

  it('keeps most full-length (frame 30 → 40) trajectories equivariant to round-off', () => {
    const states = systems(64, 6);
    const options = simulatorOptions(NBODY_DEFAULTS);
    const base = simulateFrames(options, states, STEPS);
    expect(base.clipped.some(Boolean)).toBe(true); // clipped trajectories are covered too
    const Q = randomRotation(new Rng(6));
    const out = simulateFrames(options, transformed(states, Q, [0, 0, 0]), STEPS);
    const errors = states.map((_, b) =>
      relativeError(applyToVectors(Q, base.frames[1][b].positions), out.frames[1][b].positions),
    );
    const good = errors.filter((e) => e < TOL.chaoticTrajectoryF64).length;
    expect(good / errors.length).toBeGreaterThanOrEqual(TOL.chaoticTrajectoryQuantile);
  });

  it('loses rotation equivariance with EGNN’s per-component clipping once it fires', () => {
    const states = systems(32, 6);
    const options = { ...simulatorOptions(NBODY_DEFAULTS), forceClip: 'component' as const };
    const Q = randomRotation(new Rng(6));
    const base = simulateFrames(options, states, STEPS);
    const out = simulateFrames(options, transformed(states, Q, [0, 0, 0]), STEPS);
    const worst = Math.max(
      ...states.map((_, b) =>
        relativeError(applyToVectors(Q, base.frames[1][b].positions), out.frames[1][b].positions),
      ),
    );
    expect(worst).toBeGreaterThan(TOL.chiralRmsdMargin);
  });
});

describe('generateNBody', () => {
  it('builds EGNN-shaped samples', () => {
    const data = generateNBody({ seed: 1, train: 5, validation: 3, test: 2 });
    expect([data.train.length, data.validation.length, data.test.length]).toEqual([5, 3, 2]);
    expect(data.task).toBe('regression');
    expect(data.meta.inputStep).toBe(3100);
    expect(data.meta.targetStep).toBe(4100);
    for (const sample of [...data.train, ...data.validation, ...data.test]) {
      const { positions, species, charges } = sample.structure;
      expect(positions.length).toBe(15);
      expect(sample.velocities?.length).toBe(15);
      expect(sample.target?.length).toBe(15);
      expect(charges && Array.from(charges).every((q) => q === 1 || q === -1)).toBe(true);
      expect(Array.from(species)).toEqual(Array.from(charges ?? [], (q) => (q > 0 ? 1 : 0)));
      expect([...positions, ...(sample.target ?? [])].every(Number.isFinite)).toBe(true);
    }
  });

  it('reproduces a seed, changes with it, and keeps splits independent of each other', () => {
    const sizes = { train: 4, validation: 2, test: 3 };
    const a = generateNBody({ seed: 7, ...sizes });
    expect(generateNBody({ seed: 7, ...sizes })).toEqual(a);
    const other = generateNBody({ seed: 8, ...sizes });
    expect(other.train[0].structure.positions).not.toEqual(a.train[0].structure.positions);
    const larger = generateNBody({ seed: 7, ...sizes, train: 40 });
    expect(larger.test).toEqual(a.test);
    expect(larger.train.slice(0, sizes.train)).toEqual(a.train); // a smaller split is a prefix
  });

  it('rejects bad configs', () => {
    expect(() => generateNBody({ train: -1 })).toThrow(RangeError);
    expect(() => generateNBody({ targetFrame: 30 })).toThrow(RangeError);
    expect(() => generateNBody({ timeStep: 0 })).toThrow(RangeError);
  });
});
