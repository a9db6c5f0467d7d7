import { covalentRadius } from '../data/formats/elements';

/** Bonds are inferred when two atoms are closer than this many times the sum of their covalent radii. */
export const BOND_TOLERANCE = 1.2;
/** Radius for symbols without a covalent radius (heavy or unknown elements). */
const FALLBACK_RADIUS = 1.5;

/**
 * Bonds by distance: atoms i < j are bonded when |r_i − r_j| < 1.2·(R_i + R_j), R the covalent
 * radius. A cell list with cells as wide as the longest possible bond keeps this O(n): 10⁴ atoms
 * take a few milliseconds. Returns packed pairs (i, j) with i < j.
 */
export function inferBonds(positions: Float64Array, elements: readonly string[]): Uint32Array {
  const n = Math.min(positions.length / 3, elements.length);
  if (n < 2) return new Uint32Array(0);
  const radii = new Float64Array(n);
  let maxRadius = 0;
  for (let i = 0; i < n; i++) {
    radii[i] = covalentRadius(elements[i]) ?? FALLBACK_RADIUS;
    maxRadius = Math.max(maxRadius, radii[i]);
  }
  const cell = 2 * BOND_TOLERANCE * maxRadius;
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = positions[3 * i];
    const y = positions[3 * i + 1];
    const z = positions[3 * i + 2];
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    minZ = Math.min(minZ, z);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
    maxZ = Math.max(maxZ, z);
  }
  // Cap the grid so a sparse, huge box cannot allocate more cells than a few per atom.
  const span = Math.max(maxX - minX, maxY - minY, maxZ - minZ);
  const size = Math.max(cell, span / Math.max(1, Math.cbrt(4 * n)));
  const nx = Math.floor((maxX - minX) / size) + 1;
  const ny = Math.floor((maxY - minY) / size) + 1;
  const nz = Math.floor((maxZ - minZ) / size) + 1;
  const cellOf = new Int32Array(n);
  const counts = new Int32Array(nx * ny * nz + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((positions[3 * i] - minX) / size);
    const cy = Math.floor((positions[3 * i + 1] - minY) / size);
    const cz = Math.floor((positions[3 * i + 2] - minZ) / size);
    cellOf[i] = (cz * ny + cy) * nx + cx;
    counts[cellOf[i] + 1]++;
  }
  for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
  const fill = counts.slice(0, -1);
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[fill[cellOf[i]]++] = i;

  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = positions[3 * i];
    const yi = positions[3 * i + 1];
    const zi = positions[3 * i + 2];
    const c = cellOf[i];
    const cx = c % nx;
    const cy = Math.floor(c / nx) % ny;
    const cz = Math.floor(c / (nx * ny));
    for (let dz = -1; dz <= 1; dz++) {
      const z = cz + dz;
      if (z < 0 || z >= nz) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const y = cy + dy;
        if (y < 0 || y >= ny) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          if (x < 0 || x >= nx) continue;
          const k = (z * ny + y) * nx + x;
          for (let s = counts[k]; s < counts[k + 1]; s++) {
            const j = sorted[s];
            if (j <= i) continue;
            const ex = positions[3 * j] - xi;
            const ey = positions[3 * j + 1] - yi;
            const ez = positions[3 * j + 2] - zi;
            const limit = BOND_TOLERANCE * (radii[i] + radii[j]);
            const d2 = ex * ex + ey * ey + ez * ez;
            if (d2 < limit * limit && d2 > 1e-8) out.push(i, j);
          }
        }
      }
    }
  }
  return Uint32Array.from(out);
}
