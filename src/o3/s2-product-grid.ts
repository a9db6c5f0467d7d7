// The S2 grid on which the Gaunt product of two spherical signals is computed exactly, and the SH
// tables that move coefficients to the grid and back (Price of Freedom, ICML 2025).
//
// out_l3m3 = ∫ f1·f2·Y_l3m3 is the integral of a polynomial of degree ≤ L1 + L2 + Lout in the
// direction, so the smallest product grid exact for that degree reproduces the Gaunt sum to
// rounding: Gauss–Legendre in cos θ with ⌈(D + 1)/2⌉ nodes (exact to degree 2n − 1) times D + 1
// uniform azimuths, D = L1 + L2 + Lout. D is symmetric in the three degrees, so the backward
// products (which swap an input with the output) use the same grid and tables.

import { coefficientCount } from './gaunt-layout';
import { type S2Grid, s2GridForDegree } from './quadrature';
import { sphericalHarmonics } from './spherical-harmonics';

export interface ProductGrid {
  /** Polynomial degree integrated exactly: L1 + L2 + Lout. */
  readonly degree: number;
  readonly nTheta: number;
  readonly nPhi: number;
  /** nTheta · nPhi. */
  readonly points: number;
  /** max(L1, L2, Lout): the tables cover every degree any of the three signals has. */
  readonly lmax: number;
  /** (lmax + 1)²: row length of the tables; a signal of degree L < lmax uses the first (L + 1)² columns. */
  readonly dim: number;
  /** points × dim, row-major: Y_i(x_k), integral-normalised (the to-grid matrix). */
  readonly sh: Float64Array;
  /** points × dim: w_k · Y_i(x_k), quadrature weight folded in (the from-grid matrix, transposed). */
  readonly weightedSh: Float64Array;
  readonly grid: S2Grid;
}

const cache = new Map<string, ProductGrid>();

/** The exact product grid and its tables for degrees (L1, L2, Lout). Memoized and shared: do not mutate. */
export function productGrid(L1: number, L2: number, Lout: number): ProductGrid {
  for (const L of [L1, L2, Lout]) {
    if (!Number.isInteger(L) || L < 0)
      throw new RangeError(`productGrid: degrees must be integers ≥ 0, got ${L}`);
  }
  const degree = L1 + L2 + Lout;
  const lmax = Math.max(L1, L2, Lout);
  const key = `${degree},${lmax}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const grid = s2GridForDegree(degree);
  const dim = coefficientCount(lmax);
  const sh = sphericalHarmonics(lmax, grid.points, { normalize: false, normalization: 'integral' });
  const weightedSh = sh.map((v, index) => v * grid.weights[Math.floor(index / dim)]);
  const table: ProductGrid = {
    degree,
    nTheta: grid.nTheta,
    nPhi: grid.nPhi,
    points: grid.nTheta * grid.nPhi,
    lmax,
    dim,
    sh,
    weightedSh,
    grid,
  };
  cache.set(key, table);
  return table;
}
