/** What the molecular-dynamics sampler needs from a system: an analytic energy and its forces. */

export interface Potential {
  readonly numAtoms: number;
  /** Energy at `positions` (n × 3); writes the exact forces −∇E into `forces` (n × 3). */
  energyAndForces(positions: Float64Array, forces: Float64Array): number;
}

/** Energy alone (allocates a scratch force array; for tests and one-off evaluations). */
export function energyOf(potential: Potential, positions: Float64Array): number {
  return potential.energyAndForces(positions, new Float64Array(positions.length));
}

/** Forces alone, as a new array. */
export function forcesOf(potential: Potential, positions: Float64Array): Float64Array {
  const forces = new Float64Array(positions.length);
  potential.energyAndForces(positions, forces);
  return forces;
}

/**
 * Unit system of a simulation. Positions, velocities, masses and energies are in the system's
 * own units; `accelerationPerForce` converts force / mass into length / time², and `boltzmann`
 * converts a temperature into an energy.
 */
export interface UnitSystem {
  name: string;
  energy: string;
  length: string;
  mass: string;
  time: string;
  temperature: string;
  accelerationPerForce: number;
  boltzmann: number;
}

/** eV, Å, amu, fs, K: 1 eV/(Å·amu) = 9.648533212e-3 Å/fs²; k_B = 8.617333262e-5 eV/K (CODATA 2018). */
export const MOLECULAR_UNITS: UnitSystem = {
  name: 'molecular',
  energy: 'eV',
  length: 'Å',
  mass: 'amu',
  time: 'fs',
  temperature: 'K',
  accelerationPerForce: 9.648533212e-3,
  boltzmann: 8.617333262e-5,
};

/** Lennard-Jones reduced units: ε = σ = m = k_B = 1, time τ = σ √(m/ε), temperature k_B T / ε. */
export const REDUCED_UNITS: UnitSystem = {
  name: 'reduced',
  energy: 'ε',
  length: 'σ',
  mass: 'm',
  time: 'τ',
  temperature: 'ε/k_B',
  accelerationPerForce: 1,
  boltzmann: 1,
};
