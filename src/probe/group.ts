/**
 * Elements of E(3) × S_n acting on a structure, in one normal form:
 *
 *   (g·x)_i = Q · x_{π(i)} + t,   species'_i = species_{π(i)},
 *
 * with Q orthogonal (det ±1), t a translation and π a permutation of the atoms ("atom i of g·x
 * is atom π(i) of x"). Rotations and reflections act about the structure's centroid c, so they
 * are Q with t = c − Q·c: the structure stays where the viewer shows it. Every transformation
 * and every composition of them reduces to this form, and so does its action on outputs
 * (see representation.ts).
 */
import type { Structure } from '../data/generators/types';
import { det, identity3, type Mat3, matMul } from '../o3/rotation';

export interface GroupElement {
  /** Orthogonal 3×3, row-major. */
  readonly Q: Mat3;
  readonly t: Float64Array;
  /** π as a lookup: atom i of g·x is atom perm[i] of x; null = identity. */
  readonly perm: Int32Array | null;
}

export const IDENTITY: GroupElement = { Q: identity3(), t: new Float64Array(3), perm: null };

/** Q is orthogonal to this (‖QᵀQ − I‖_max); float32 round trips of a matrix stay far below it. */
const ORTHOGONALITY_TOLERANCE = 1e-6;

export function isImproper(g: GroupElement): boolean {
  return det(g.Q) < 0;
}

/** `second ∘ first`: x ↦ second·(first·x). */
export function compose(second: GroupElement, first: GroupElement): GroupElement {
  const Q = matMul(second.Q, first.Q);
  const t = mulVec(second.Q, first.t);
  for (let k = 0; k < 3; k++) t[k] += second.t[k];
  // (second·(first·x))_i = Q2 (first·x)_{π2(i)} + t2 = Q2 Q1 x_{π1(π2(i))} + Q2 t1 + t2.
  let perm: Int32Array | null = null;
  if (first.perm && second.perm) perm = second.perm.map((j) => (first.perm as Int32Array)[j]);
  else perm = second.perm ?? first.perm;
  return { Q, t, perm };
}

/** Q about the point c: x ↦ Q(x − c) + c. */
export function aboutPoint(Q: Mat3, c: ArrayLike<number>): GroupElement {
  assertOrthogonal(Q);
  const Qc = mulVec(Q, c);
  return { Q, t: Float64Array.from([0, 1, 2], (k) => c[k] - Qc[k]), perm: null };
}

export function translation(t: ArrayLike<number>): GroupElement {
  if (t.length !== 3 || !Array.from(t).every(Number.isFinite))
    throw new RangeError('translation: expected 3 finite numbers');
  return { Q: identity3(), t: Float64Array.from(t), perm: null };
}

/** Mirror through the plane with normal n (normalised here) through the point c: Q = I − 2 n̂n̂ᵀ. */
export function mirror(normal: ArrayLike<number>, c: ArrayLike<number>): GroupElement {
  const len = Math.hypot(normal[0], normal[1], normal[2]);
  if (!(len > 0 && Number.isFinite(len)))
    throw new RangeError('mirror: the normal must be a non-zero 3-vector');
  const n = [normal[0] / len, normal[1] / len, normal[2] / len];
  const Q = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) Q[3 * i + j] = (i === j ? 1 : 0) - 2 * n[i] * n[j];
  return aboutPoint(Q, c);
}

/** Inversion x ↦ 2c − x through the point c. */
export function inversion(c: ArrayLike<number>): GroupElement {
  return aboutPoint(Float64Array.of(-1, 0, 0, 0, -1, 0, 0, 0, -1), c);
}

/** A relabelling of n atoms: atom i of g·x is atom order[i] of x. */
export function permutation(order: ArrayLike<number>): GroupElement {
  const perm = Int32Array.from(order);
  const seen = new Uint8Array(perm.length);
  for (const j of perm) {
    if (!(Number.isInteger(j) && j >= 0 && j < perm.length) || seen[j])
      throw new RangeError(`permutation: ${JSON.stringify(Array.from(order))} is not a permutation of 0…n−1`);
    seen[j] = 1;
  }
  return { Q: identity3(), t: new Float64Array(3), perm };
}

/** g·x: new positions (float64) and species; charges follow their atoms. */
export function applyToStructure(g: GroupElement, s: Structure): Structure {
  const n = s.species.length;
  if (g.perm && g.perm.length !== n)
    throw new RangeError(`permutation of ${g.perm.length} atoms applied to a structure of ${n}`);
  const positions = new Float64Array(3 * n);
  const species = new Int32Array(n);
  const charges = s.charges ? new Float64Array(n) : undefined;
  const { Q, t } = g;
  for (let i = 0; i < n; i++) {
    const j = g.perm ? g.perm[i] : i;
    const x = s.positions[3 * j];
    const y = s.positions[3 * j + 1];
    const z = s.positions[3 * j + 2];
    positions[3 * i] = Q[0] * x + Q[1] * y + Q[2] * z + t[0];
    positions[3 * i + 1] = Q[3] * x + Q[4] * y + Q[5] * z + t[1];
    positions[3 * i + 2] = Q[6] * x + Q[7] * y + Q[8] * z + t[2];
    species[i] = s.species[j];
    if (charges && s.charges) charges[i] = s.charges[j];
  }
  return charges ? { positions, species, charges } : { positions, species };
}

export function centroid(positions: Float64Array): Float64Array {
  const n = positions.length / 3;
  const c = new Float64Array(3);
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) c[k] += positions[3 * i + k];
  if (n > 0) for (let k = 0; k < 3; k++) c[k] /= n;
  return c;
}

export function mulVec(Q: Mat3, v: ArrayLike<number>): Float64Array {
  return Float64Array.of(
    Q[0] * v[0] + Q[1] * v[1] + Q[2] * v[2],
    Q[3] * v[0] + Q[4] * v[1] + Q[5] * v[2],
    Q[6] * v[0] + Q[7] * v[1] + Q[8] * v[2],
  );
}

function assertOrthogonal(Q: Mat3): void {
  if (Q.length !== 9 || !Array.from(Q).every(Number.isFinite))
    throw new RangeError('expected a 3×3 matrix of 9 finite numbers (row-major)');
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = Q[i] * Q[j] + Q[3 + i] * Q[3 + j] + Q[6 + i] * Q[6 + j];
      worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  if (!(worst <= ORTHOGONALITY_TOLERANCE))
    throw new RangeError(`matrix is not orthogonal (‖QᵀQ − I‖max = ${worst.toExponential(2)})`);
}
