/** Small vector helpers and internal-coordinate placement (NeRF) for building sample molecules. */

export type Vec3 = [number, number, number];

export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.sqrt(dot(a, a));
export const unit = (a: Vec3): Vec3 => scale(a, 1 / norm(a));
export const distance = (a: Vec3, b: Vec3): number => norm(sub(a, b));

const DEG = Math.PI / 180;

/** Angle a-b-c in degrees. */
export function angle(a: Vec3, b: Vec3, c: Vec3): number {
  const u = unit(sub(a, b));
  const v = unit(sub(c, b));
  return Math.acos(Math.max(-1, Math.min(1, dot(u, v)))) / DEG;
}

/** Dihedral a-b-c-d in degrees (IUPAC sign: clockwise looking from b to c is positive). */
export function dihedral(a: Vec3, b: Vec3, c: Vec3, d: Vec3): number {
  const b1 = sub(b, a);
  const b2 = sub(c, b);
  const b3 = sub(d, c);
  const n1 = cross(b1, b2);
  const n2 = cross(b2, b3);
  const m = cross(unit(b2), n1);
  return Math.atan2(dot(m, n2), dot(n1, n2)) / DEG;
}

/**
 * Natural extension reference frame: the position of d with |cd| = bond (Å), angle b-c-d and
 * dihedral a-b-c-d (degrees), given three placed atoms a, b, c.
 */
export function place(a: Vec3, b: Vec3, c: Vec3, bond: number, bendDeg: number, torsionDeg: number): Vec3 {
  const bc = unit(sub(c, b));
  const n = unit(cross(sub(b, a), bc));
  const m = cross(n, bc);
  const theta = bendDeg * DEG;
  const phi = torsionDeg * DEG;
  const local: Vec3 = [
    -bond * Math.cos(theta),
    bond * Math.sin(theta) * Math.cos(phi),
    bond * Math.sin(theta) * Math.sin(phi),
  ];
  return add(c, add(add(scale(bc, local[0]), scale(m, local[1])), scale(n, local[2])));
}

/** Round to a decimal grid for readable sample files (and never −0). */
export function rounded(x: number, digits = 6): number {
  const s = 10 ** digits;
  return Math.round(x * s) / s + 0;
}
