/**
 * Isotropic pair potentials over all pairs of identical atoms (no cutoff, so energies and forces
 * are exact): Lennard-Jones and Morse clusters, in reduced units (well depth ε = 1).
 */
import type { Potential } from './potential';

abstract class PairPotential implements Potential {
  constructor(readonly numAtoms: number) {}

  /** Distance of the pair-energy minimum. */
  abstract readonly equilibriumDistance: number;

  /** Pair energy at squared distance r2; stores (dE/dr)/r in `this.radialOverR`. */
  protected abstract pair(r2: number): number;
  protected radialOverR = 0;

  energyAndForces(positions: Float64Array, forces: Float64Array): number {
    const n = this.numAtoms;
    forces.fill(0);
    let energy = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = positions[3 * i] - positions[3 * j];
        const dy = positions[3 * i + 1] - positions[3 * j + 1];
        const dz = positions[3 * i + 2] - positions[3 * j + 2];
        energy += this.pair(dx * dx + dy * dy + dz * dz);
        // F_i = −dE/dr · (x_i − x_j)/r, and F_j the opposite.
        const g = this.radialOverR;
        forces[3 * i] -= g * dx;
        forces[3 * i + 1] -= g * dy;
        forces[3 * i + 2] -= g * dz;
        forces[3 * j] += g * dx;
        forces[3 * j + 1] += g * dy;
        forces[3 * j + 2] += g * dz;
      }
    }
    return energy;
  }
}

/** E = 4 Σ_{i<j} (r⁻¹² − r⁻⁶): minimum −1 at r = 2^{1/6}. */
export class LennardJonesCluster extends PairPotential {
  readonly equilibriumDistance = 2 ** (1 / 6);

  protected pair(r2: number): number {
    const inv6 = 1 / (r2 * r2 * r2);
    // dE/dr / r = (−48 r⁻¹² + 24 r⁻⁶) / r²
    this.radialOverR = ((-48 * inv6 + 24) * inv6) / r2;
    return 4 * inv6 * (inv6 - 1);
  }
}

/** E = Σ_{i<j} e^{ρ(1−r)} (e^{ρ(1−r)} − 2): minimum −1 at r = 1; ρ sets the range (6 ≈ LJ). */
export class MorseCluster extends PairPotential {
  readonly equilibriumDistance = 1;

  constructor(
    numAtoms: number,
    readonly range: number,
  ) {
    super(numAtoms);
    if (!(range > 0)) throw new RangeError(`Morse range ρ must be > 0, got ${range}`);
  }

  protected pair(r2: number): number {
    const r = Math.sqrt(r2);
    const e = Math.exp(this.range * (1 - r));
    // dE/dr = −2ρ e (e − 1)
    this.radialOverR = (-2 * this.range * e * (e - 1)) / r;
    return e * (e - 2);
  }
}
