/**
 * Langevin dynamics with the BAOAB splitting (Leimkuhler & Matthews, AMRX 2013): half kick (B),
 * half drift (A), exact Ornstein–Uhlenbeck velocity update (O), half drift, half kick. It samples
 * configurations very accurately (exactly for harmonic potentials). The velocities at the end of
 * a step are biased low by ≈ (ω dt / 2)² for a mode of frequency ω; those just after the O step
 * are exact for harmonic modes, so the kinetic temperature is measured there.
 */
import type { Rng } from '../../../util/random';
import type { Potential, UnitSystem } from './potential';

export interface LangevinOptions {
  /** Integration step (system time units). */
  timeStep: number;
  /** Friction γ (1 / time). */
  friction: number;
  /** Temperature (system temperature units; k_B T = boltzmann · temperature). */
  temperature: number;
}

export class BaoabIntegrator {
  readonly positions: Float64Array;
  readonly velocities: Float64Array;
  readonly forces: Float64Array;
  /** Potential energy at `positions`. */
  potentialEnergy: number;
  /** Kinetic energy just after the most recent O step (the unbiased estimator). */
  midStepKineticEnergy = 0;
  private readonly kT: number;
  /** Per-coordinate acceleration factor a/F = accelerationPerForce / m. */
  private readonly accel: Float64Array;
  /** Per-coordinate thermal velocity √(k_B T · accelerationPerForce / m). */
  private readonly thermalSpeed: Float64Array;

  constructor(
    readonly potential: Potential,
    readonly masses: Float64Array,
    readonly units: UnitSystem,
    readonly options: LangevinOptions,
    private readonly rng: Rng,
    initialPositions: Float64Array,
  ) {
    const n = potential.numAtoms;
    if (masses.length !== n || initialPositions.length !== 3 * n) {
      throw new RangeError('BaoabIntegrator: masses need n entries and positions 3n');
    }
    for (const [key, value] of Object.entries(options)) {
      if (!(value > 0 && Number.isFinite(value)))
        throw new RangeError(`Langevin ${key} must be > 0, got ${value}`);
    }
    this.kT = units.boltzmann * options.temperature;
    this.positions = Float64Array.from(initialPositions);
    this.velocities = new Float64Array(3 * n);
    this.forces = new Float64Array(3 * n);
    this.accel = Float64Array.from(
      { length: 3 * n },
      (_, k) => units.accelerationPerForce / masses[Math.floor(k / 3)],
    );
    this.thermalSpeed = this.accel.map((a) => Math.sqrt(this.kT * a));
    this.potentialEnergy = potential.energyAndForces(this.positions, this.forces);
    this.drawMaxwellVelocities();
  }

  /** Fresh velocities from the Maxwell–Boltzmann distribution at the set temperature. */
  drawMaxwellVelocities(): void {
    for (let k = 0; k < this.velocities.length; k++)
      this.velocities[k] = this.thermalSpeed[k] * this.rng.normal();
  }

  /** `steps` BAOAB steps; forces and potential energy stay current. */
  step(steps: number): void {
    const { positions: x, velocities: v, forces: f, accel, thermalSpeed } = this;
    const h = this.options.timeStep;
    const decay = Math.exp(-this.options.friction * h);
    const noise = Math.sqrt(1 - decay * decay);
    for (let s = 0; s < steps; s++) {
      for (let k = 0; k < v.length; k++) {
        v[k] += 0.5 * h * accel[k] * f[k]; // B
        x[k] += 0.5 * h * v[k]; // A
        v[k] = decay * v[k] + noise * thermalSpeed[k] * this.rng.normal(); // O
      }
      this.midStepKineticEnergy = this.kineticEnergy();
      for (let k = 0; k < v.length; k++) x[k] += 0.5 * h * v[k]; // A
      this.potentialEnergy = this.potential.energyAndForces(x, f);
      for (let k = 0; k < v.length; k++) v[k] += 0.5 * h * accel[k] * f[k]; // B
    }
  }

  /** Σ ½ m v² of the current velocities (energy units). */
  kineticEnergy(): number {
    let sum = 0;
    for (let k = 0; k < this.velocities.length; k++) sum += (0.5 * this.velocities[k] ** 2) / this.accel[k];
    return sum;
  }

  /** k_B T in energy units. */
  get thermalEnergy(): number {
    return this.kT;
  }
}
