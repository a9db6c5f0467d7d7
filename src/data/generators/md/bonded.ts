/**
 * A harmonic bonded force field: E = Σ_bonds ½ k_b (r − r₀)² + Σ_angles ½ k_θ (θ − θ₀)².
 * No torsions and no non-bonded terms: a toy, but with exact analytic forces.
 */
import type { Potential } from './potential';

export interface Bond {
  i: number;
  j: number;
  /** Force constant k_b (energy / length²). */
  k: number;
  /** Rest length r₀. */
  r0: number;
}

/** The angle i–j–k with j at the vertex. */
export interface Angle {
  i: number;
  j: number;
  k: number;
  /** Force constant k_θ (energy / rad²). */
  kTheta: number;
  /** Rest angle θ₀ in radians. */
  theta0: number;
}

export class HarmonicBondedPotential implements Potential {
  constructor(
    readonly numAtoms: number,
    readonly bonds: readonly Bond[],
    readonly angles: readonly Angle[],
  ) {
    for (const b of bonds) checkAtoms(numAtoms, b.i, b.j);
    for (const a of angles) checkAtoms(numAtoms, a.i, a.j, a.k);
  }

  energyAndForces(x: Float64Array, forces: Float64Array): number {
    forces.fill(0);
    let energy = 0;
    for (const { i, j, k, r0 } of this.bonds) {
      const dx = x[3 * i] - x[3 * j];
      const dy = x[3 * i + 1] - x[3 * j + 1];
      const dz = x[3 * i + 2] - x[3 * j + 2];
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      energy += 0.5 * k * (r - r0) ** 2;
      // F_i = −k (r − r₀) (x_i − x_j) / r
      const g = (-k * (r - r0)) / r;
      addForce(forces, i, g * dx, g * dy, g * dz);
      addForce(forces, j, -g * dx, -g * dy, -g * dz);
    }
    for (const { i, j, k, kTheta, theta0 } of this.angles) {
      const ax = x[3 * i] - x[3 * j];
      const ay = x[3 * i + 1] - x[3 * j + 1];
      const az = x[3 * i + 2] - x[3 * j + 2];
      const bx = x[3 * k] - x[3 * j];
      const by = x[3 * k + 1] - x[3 * j + 1];
      const bz = x[3 * k + 2] - x[3 * j + 2];
      const aa = ax * ax + ay * ay + az * az;
      const bb = bx * bx + by * by + bz * bz;
      const ab = ax * bx + ay * by + az * bz;
      // θ from atan2(|a × b|, a·b): accurate at every angle, unlike acos near 0 and π.
      const cx = ay * bz - az * by;
      const cy = az * bx - ax * bz;
      const cz = ax * by - ay * bx;
      const cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
      const theta = Math.atan2(cross, ab);
      energy += 0.5 * kTheta * (theta - theta0) ** 2;
      // ∂θ/∂a = (a·b / |a|² · a − b) / |a × b|, and the same with a and b swapped (singular
      // only for collinear atoms, which these molecules never reach).
      const g = (-kTheta * (theta - theta0)) / cross;
      const ca = ab / aa;
      const cb = ab / bb;
      const fax = g * (ca * ax - bx);
      const fay = g * (ca * ay - by);
      const faz = g * (ca * az - bz);
      const fbx = g * (cb * bx - ax);
      const fby = g * (cb * by - ay);
      const fbz = g * (cb * bz - az);
      addForce(forces, i, fax, fay, faz);
      addForce(forces, k, fbx, fby, fbz);
      addForce(forces, j, -fax - fbx, -fay - fby, -faz - fbz);
    }
    return energy;
  }
}

/** Every angle i–j–k between two bonds that share atom j (each unordered pair once). */
export function anglesFromBonds(
  numAtoms: number,
  bonds: readonly [number, number][],
): [number, number, number][] {
  const neighbours: number[][] = Array.from({ length: numAtoms }, () => []);
  for (const [i, j] of bonds) {
    neighbours[i].push(j);
    neighbours[j].push(i);
  }
  const angles: [number, number, number][] = [];
  neighbours.forEach((list, j) => {
    for (let p = 0; p < list.length; p++)
      for (let q = p + 1; q < list.length; q++) angles.push([list[p], j, list[q]]);
  });
  return angles;
}

/** Distance between atoms i and j of an n × 3 array. */
export function distance(x: Float64Array, i: number, j: number): number {
  return Math.hypot(x[3 * i] - x[3 * j], x[3 * i + 1] - x[3 * j + 1], x[3 * i + 2] - x[3 * j + 2]);
}

/** The angle i–j–k (radians) of an n × 3 array. */
export function angle(x: Float64Array, i: number, j: number, k: number): number {
  const a = [0, 1, 2].map((c) => x[3 * i + c] - x[3 * j + c]);
  const b = [0, 1, 2].map((c) => x[3 * k + c] - x[3 * j + c]);
  const cross = Math.hypot(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
  return Math.atan2(cross, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

function addForce(forces: Float64Array, atom: number, fx: number, fy: number, fz: number): void {
  forces[3 * atom] += fx;
  forces[3 * atom + 1] += fy;
  forces[3 * atom + 2] += fz;
}

function checkAtoms(numAtoms: number, ...atoms: number[]): void {
  for (const a of atoms) {
    if (!Number.isInteger(a) || a < 0 || a >= numAtoms) throw new RangeError(`atom index ${a} out of range`);
  }
  if (new Set(atoms).size !== atoms.length)
    throw new RangeError(`repeated atom in a term: ${atoms.join(', ')}`);
}
