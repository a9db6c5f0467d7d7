/** Small 3×3 rotation helpers (row-major arrays) for the structure's on-screen rotation. */

/** Rodrigues' formula; null for a zero axis. */
export function axisAngleMatrix(axis: readonly [number, number, number], angle: number): number[] | null {
  const n = Math.hypot(axis[0], axis[1], axis[2]);
  if (!(n > 0) || !Number.isFinite(angle)) return null;
  const [x, y, z] = [axis[0] / n, axis[1] / n, axis[2] / n];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
  ];
}

/** a · b for row-major 3×3 matrices. */
export function multiply3(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) out[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return out;
}

/** Rotation angle in radians, from the trace. */
export function rotationAngle(r: readonly number[]): number {
  return Math.acos(Math.min(1, Math.max(-1, (r[0] + r[4] + r[8] - 1) / 2)));
}

/** R applied to packed xyz rows: out_i = R v_i. */
export function rotateRows(r: readonly number[], v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i += 3) {
    const [x, y, z] = [v[i], v[i + 1], v[i + 2]];
    out[i] = r[0] * x + r[1] * y + r[2] * z;
    out[i + 1] = r[3] * x + r[4] * y + r[5] * z;
    out[i + 2] = r[6] * x + r[7] * y + r[8] * z;
  }
  return out;
}

/** Rᵀ applied to packed xyz rows (the inverse rotation). */
export function unrotateRows(r: readonly number[], v: Float64Array): Float64Array {
  return rotateRows([r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]], v);
}

/** A rotation drawn from the Haar measure: a unit quaternion with four standard normal components. */
export function haarRotation(normal: () => number): number[] {
  let q = [normal(), normal(), normal(), normal()];
  const n = Math.hypot(...q) || 1;
  q = q.map((v) => v / n);
  const [w, x, y, z] = q;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}
