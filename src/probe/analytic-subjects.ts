/**
 * Closed-form subjects whose transformation laws are known exactly (float64, no GPU): they test
 * the probe itself — its ρ(g) per irrep type, parity, permutation and translation handling — and
 * show in the docs what each verdict means.
 */
import type { Structure } from '../data/generators/types';
import { centroid } from './group';
import type { OutputSpec } from './representation';
import type { OutputValues, ProbeSubject } from './subject';

function analytic(name: string, outputs: OutputSpec[], f: (s: Structure) => OutputValues): ProbeSubject {
  return {
    name,
    outputs,
    hasLayers: false,
    evaluate: async (structures) => ({ outputs: structures.map(f) }),
  };
}

/** r_i = x_i − centroid, packed. */
function centred(s: Structure): Float64Array {
  const c = centroid(s.positions);
  return s.positions.map((v, k) => v - c[k % 3]);
}

function weightedSum(r: Float64Array, weight: (i: number, len: number) => number): number[] {
  const out = [0, 0, 0];
  for (let i = 0; i < r.length / 3; i++) {
    const w = weight(i, Math.hypot(r[3 * i], r[3 * i + 1], r[3 * i + 2]));
    for (let k = 0; k < 3; k++) out[k] += w * r[3 * i + k];
  }
  return out;
}

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/**
 * Exactly E(3) × S_n-equivariant outputs of every kind the probe handles:
 * - centroid (1o, position): moves with translations;
 * - spread |r_i|² (0e per atom): invariant, rows follow permutations;
 * - r_i (1o per atom): a vector that ignores translations;
 * - A = Σ|r_i| r_i, B = Σ|r_i|² r_i, C = Σ|r_i|³ r_i: A×B (1e, axial: does not flip under the
 *   inversion) and A·(B×C) (0o: flips sign under reflections).
 */
export function equivariantSubject(): ProbeSubject {
  return analytic(
    'analytic equivariant',
    [
      { name: 'centroid', irreps: '1o', perAtom: false, position: true },
      { name: 'spread', irreps: '0e', perAtom: true },
      { name: 'relative', irreps: '1o', perAtom: true },
      { name: 'axial', irreps: '1e', perAtom: false },
      { name: 'chirality', irreps: '0o', perAtom: false },
    ],
    (s) => {
      const r = centred(s);
      const n = r.length / 3;
      const spread = Float64Array.from(
        { length: n },
        (_, i) => r[3 * i] ** 2 + r[3 * i + 1] ** 2 + r[3 * i + 2] ** 2,
      );
      const A = weightedSum(r, (_, len) => len);
      const B = weightedSum(r, (_, len) => len ** 2);
      const C = weightedSum(r, (_, len) => len ** 3);
      const BxC = cross(B, C);
      return [
        centroid(s.positions),
        spread,
        r,
        Float64Array.from(cross(A, B)),
        Float64Array.of(A[0] * BxC[0] + A[1] * BxC[1] + A[2] * BxC[2]),
      ];
    },
  );
}

/** Σ_i (i + 1)·|r_i|²: invariant under E(3), but atom i's weight depends on its index. */
export function orderSensitiveSubject(): ProbeSubject {
  return analytic('analytic order-sensitive', [{ name: 'energy', irreps: '0e', perAtom: false }], (s) => {
    const r = centred(s);
    let e = 0;
    for (let i = 0; i < r.length / 3; i++)
      e += (i + 1) * (r[3 * i] ** 2 + r[3 * i + 1] ** 2 + r[3 * i + 2] ** 2);
    return [Float64Array.of(e)];
  });
}

/** Σ_i sin(x_i) componentwise, declared as a vector: raw coordinates, broken under rotations and translations. */
export function rawCoordinateSubject(): ProbeSubject {
  return analytic('analytic raw coordinates', [{ name: 'features', irreps: '1o', perAtom: false }], (s) => {
    const out = new Float64Array(3);
    for (let i = 0; i < s.positions.length; i++) out[i % 3] += Math.sin(s.positions[i]);
    return [out];
  });
}
