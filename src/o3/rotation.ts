/**
 * 3×3 rotations with e3nn's conventions (`e3nn.o3._rotation`): Y-X-Y Euler angles,
 * R = matrixY(α) · matrixX(β) · matrixY(γ), and the y axis as the polar axis.
 */
import type { Rng } from '../util/random';

/** Row-major 3×3 matrix: element (i, j) at index 3i + j. */
export type Mat3 = Float64Array;

export interface EulerAngles {
  alpha: number;
  beta: number;
  gamma: number;
}

export function identity3(): Mat3 {
  return Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
}

/** Right-handed rotation by t about x. */
export function matrixX(t: number): Mat3 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float64Array.of(1, 0, 0, 0, c, -s, 0, s, c);
}

/** Right-handed rotation by t about y. */
export function matrixY(t: number): Mat3 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float64Array.of(c, 0, s, 0, 1, 0, -s, 0, c);
}

/** Right-handed rotation by t about z. */
export function matrixZ(t: number): Mat3 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return Float64Array.of(c, -s, 0, s, c, 0, 0, 0, 1);
}

export function matMul(a: Mat3, b: Mat3): Mat3 {
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
    }
  }
  return out;
}

export function transpose(a: Mat3): Mat3 {
  return Float64Array.of(a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]);
}

export function det(a: Mat3): number {
  return (
    a[0] * (a[4] * a[8] - a[5] * a[7]) -
    a[1] * (a[3] * a[8] - a[5] * a[6]) +
    a[2] * (a[3] * a[7] - a[4] * a[6])
  );
}

/** e3nn `angles_to_matrix`: Ry(α) Rx(β) Ry(γ), so γ acts first and α last. */
export function anglesToMatrix(alpha: number, beta: number, gamma: number): Mat3 {
  return matMul(matMul(matrixY(alpha), matrixX(beta)), matrixY(gamma));
}

/** e3nn `angles_to_xyz`: the unit vector Ry(α) Rx(β) ŷ = (sin β sin α, cos β, sin β cos α). */
export function anglesToXyz(alpha: number, beta: number): [number, number, number] {
  return [Math.sin(beta) * Math.sin(alpha), Math.cos(beta), Math.sin(beta) * Math.cos(alpha)];
}

/** e3nn `xyz_to_angles`: β = acos(y/r) ∈ [0, π], α = atan2(x, z) ∈ (−π, π]. */
export function xyzToAngles(x: number, y: number, z: number): { alpha: number; beta: number } {
  // e3nn normalises with an epsilon so that the origin maps to (0, π/2) instead of NaN.
  const r = Math.max(Math.hypot(x, y, z), 1e-12);
  const clamp = (v: number) => Math.min(1, Math.max(-1, v));
  return { alpha: Math.atan2(clamp(x / r), clamp(z / r)), beta: Math.acos(clamp(y / r)) };
}

/**
 * e3nn `matrix_to_angles` for a proper rotation: (α, β) from the image of ŷ, then γ from what
 * remains after undoing Ry(α) Rx(β).
 */
export function matrixToAngles(R: Mat3): EulerAngles {
  const d = det(R);
  if (!(Math.abs(d - 1) < 1e-5)) {
    throw new RangeError(`matrixToAngles needs a proper rotation (det = +1), got det = ${d}`);
  }
  const { alpha, beta } = xyzToAngles(R[1], R[4], R[7]);
  const rest = matMul(transpose(anglesToMatrix(alpha, beta, 0)), R);
  return { alpha, beta, gamma: Math.atan2(rest[2], rest[0]) };
}

/** Rotation by `angle` (right-handed) about `axis` (normalised here), by Rodrigues' formula. */
export function axisAngleToMatrix(axis: ArrayLike<number>, angle: number): Mat3 {
  const n = Math.hypot(axis[0], axis[1], axis[2]);
  if (!(n > 0)) throw new RangeError('axisAngleToMatrix: axis must be a non-zero 3-vector');
  const half = angle / 2;
  const s = Math.sin(half) / n;
  return quaternionToMatrix([Math.cos(half), axis[0] * s, axis[1] * s, axis[2] * s]);
}

/** Unit quaternion (w, x, y, z) → rotation matrix; the quaternion is normalised first. */
export function quaternionToMatrix(q: ArrayLike<number>): Mat3 {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  if (!(n > 0)) throw new RangeError('quaternionToMatrix: quaternion must be non-zero');
  const w = q[0] / n;
  const x = q[1] / n;
  const y = q[2] / n;
  const z = q[3] / n;
  return Float64Array.of(
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  );
}

/** Haar-uniform random rotation: a normalised 4D Gaussian is uniform on S³ ≅ SU(2). */
export function randomRotation(rng: Rng): Mat3 {
  for (;;) {
    const q = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    if (Math.hypot(q[0], q[1], q[2], q[3]) > 1e-8) return quaternionToMatrix(q);
  }
}

/** Random angles distributed like e3nn `rand_angles` (their matrices are Haar-uniform). */
export function randomAngles(rng: Rng): EulerAngles {
  const alpha = 2 * Math.PI * rng.next();
  const gamma = 2 * Math.PI * rng.next();
  const beta = Math.acos(2 * rng.next() - 1);
  return { alpha, beta, gamma };
}

/** x' = R x for each row of `vectors` (length 3n); returns a new array. */
export function applyToVectors(R: Mat3, vectors: Float64Array): Float64Array {
  if (vectors.length % 3 !== 0) {
    throw new RangeError(`applyToVectors: length ${vectors.length} is not a multiple of 3`);
  }
  const out = new Float64Array(vectors.length);
  for (let i = 0; i < vectors.length; i += 3) {
    const x = vectors[i];
    const y = vectors[i + 1];
    const z = vectors[i + 2];
    out[i] = R[0] * x + R[1] * y + R[2] * z;
    out[i + 1] = R[3] * x + R[4] * y + R[5] * z;
    out[i + 2] = R[6] * x + R[7] * y + R[8] * z;
  }
  return out;
}
