// The fixed sparse tables of the Gaunt-FFT route, built in float64 from src/o3/sh-fourier.ts and
// shared by the float64 twin (gaunt-fft.ts) and the GPU wrapper (src/kernels/gaunt-fft.ts), so
// both apply exactly the same linear maps.
//
// A real signal needs only the half plane v = k ≥ 0 of its 2D Fourier coefficients (F[u, −k] is
// conj F[−u, k]). Each degree-L signal is therefore held as L + 1 "columns" k, each a length-n
// complex vector over u (index u mod n, zero-padded); n ≥ 2(La + Lb) + 1 holds a product exactly.

import { projectionIntegral, type ThetaSeries, thetaCoefficient, thetaSeries } from '../o3/sh-fourier';
import { fftSize } from './fft';

/** CSR rows of complex weights: row r sums entries start[r] .. start[r+1] − 1. */
export interface SparseRows {
  readonly start: Uint32Array;
  /** A coefficient index l² + l + m (SH → columns) or a frequency u ≥ 0 (projection). */
  readonly index: Uint32Array;
  /** Complex weights, interleaved (re, im). */
  readonly weight: Float64Array;
}

function buildRows(
  rows: number,
  fill: (row: number, push: (index: number, re: number, im: number) => void) => void,
) {
  const start = [0];
  const index: number[] = [];
  const weight: number[] = [];
  for (let r = 0; r < rows; r++) {
    fill(r, (i, re, im) => {
      index.push(i);
      weight.push(re, im);
    });
    start.push(index.length);
  }
  return {
    start: Uint32Array.from(start),
    index: Uint32Array.from(index),
    weight: Float64Array.from(weight),
  };
}

/**
 * SH coefficients (degree ≤ L) → columns: row k·(2L + 1) + (u + L) gives
 *   F[u, k] = Σ x[index] · weight,
 * with weight T_{l,k}[u] for m = 0 and, for k > 0, T/2 (m = k, from cos kφ) and −iT/2 (m = −k,
 * from sin kφ). Only l ≥ max(k, |u|) with l ≡ u (mod 2) contribute: O(L³) entries.
 */
export function shToColumnsTable(L: number, t: ThetaSeries = thetaSeries(L)): SparseRows {
  const width = 2 * L + 1;
  return buildRows((L + 1) * width, (row, push) => {
    const k = Math.floor(row / width);
    const u = (row % width) - L;
    for (let l = Math.max(k, Math.abs(u)); l <= L; l++) {
      if ((l - u) % 2 !== 0) continue;
      const [tr, ti] = thetaCoefficient(t, l, k, u);
      if (k === 0) {
        push(l * l + l, tr, ti);
        continue;
      }
      push(l * l + l + k, tr / 2, ti / 2);
      push(l * l + l - k, ti / 2, -tr / 2); // −i·T/2
    }
  });
}

/**
 * Columns of a product (frequencies |u| ≤ Lp, column k ≤ Lout, H[u] = H scaled as the twin holds
 * it) → SH coefficients of degree ≤ Lout: row l² + l + m gives out = Σ_u Re(conj(weight)·H[u, |m|])
 * over 0 ≤ u ≤ Lp, i.e. a dot product of (re, im) pairs.
 *
 * With S = Σ_u G_{l,k}[u] H[u, k], projection gives f_{l,k} = 2π Re S and f_{l,−k} = −2π Im S. A
 * real signal's column k has H[−u, k] = (−1)^k H[u, k] (θ ↦ −θ is the antipodal map φ ↦ φ + π),
 * so S folds to u ≥ 0 with Gf[u] = G[u] + (−1)^k conj G[u] (u > 0), Gf[0] = G[0].
 */
export function projectionTable(Lout: number, Lp: number, t: ThetaSeries = thetaSeries(Lout)): SparseRows {
  return buildRows((Lout + 1) ** 2, (row, push) => {
    const l = Math.floor(Math.sqrt(row));
    const m = row - l * l - l;
    const k = Math.abs(m);
    if (k > Lp) return;
    for (let u = 0; u <= Lp; u++) {
      // G vanishes for u ≢ l (mod 2) once |u| > l + 1 (sh-fourier.ts).
      if ((u - l) % 2 !== 0 && u > l + 1) continue;
      const [gr, gi] = projectionIntegral(t, l, k, u);
      const sign = k % 2 === 0 ? 1 : -1;
      const [fr, fi] = u === 0 ? [gr, gi] : [gr + sign * gr, gi - sign * gi];
      // Re(conj(w)·H) = wr·Hr + wi·Hi. m ≥ 0: 2π Re(Gf·H) → w = 2π(Re Gf, −Im Gf);
      // m < 0: −2π Im(Gf·H) → w = −2π(Im Gf, Re Gf).
      if (m >= 0) push(u, 2 * Math.PI * fr, -2 * Math.PI * fi);
      else push(u, -2 * Math.PI * fi, -2 * Math.PI * fr);
    }
  });
}

/** FFT length that holds the product of degree-La and degree-Lb signals without wrap-around. */
export function productFftSize(La: number, Lb: number): number {
  return fftSize(2 * (La + Lb) + 1);
}

/** One Gaunt product a (degree La) × b (degree Lb) → degree Lc, on columns of length n. */
export interface ProductPlan {
  readonly La: number;
  readonly Lb: number;
  readonly Lc: number;
  readonly n: number;
  readonly toColumnsA: SparseRows;
  readonly toColumnsB: SparseRows;
  readonly projection: SparseRows;
}

/** n defaults to the smallest size for this product; a larger one (shared with another product) also works. */
export function productPlan(La: number, Lb: number, Lc: number, n = productFftSize(La, Lb)): ProductPlan {
  for (const [name, L] of [
    ['La', La],
    ['Lb', Lb],
    ['Lc', Lc],
  ] as const) {
    if (!Number.isInteger(L) || L < 0) throw new RangeError(`${name} must be an integer ≥ 0, got ${L}`);
  }
  if (n < 2 * (La + Lb) + 1) throw new RangeError(`FFT length ${n} is too short for degrees ${La} + ${Lb}`);
  const t = thetaSeries(Math.max(La, Lb, Lc));
  return {
    La,
    Lb,
    Lc,
    n,
    toColumnsA: shToColumnsTable(La, t),
    toColumnsB: shToColumnsTable(Lb, t),
    projection: projectionTable(Lc, La + Lb, t),
  };
}
