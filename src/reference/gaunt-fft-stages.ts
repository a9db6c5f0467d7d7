// The stages of the Gaunt-FFT route for one channel of one sample, in float64, each with its
// adjoint (for the backward pass). They mirror the WGSL kernels one to one:
//   toColumns      shaders/gaunt/fft_sh_to_fourier.wgsl   SH → paired half-plane Fourier columns
//   fft (+1)       shaders/fft/                           columns → samples on θ_j = 2πj/n
//   rowProduct     shaders/gaunt/fft_row_product.wgsl     per θ_j, the φ-convolution of the rows
//   fft (−1, 1/n)  shaders/fft/                           samples → columns of the product
//   project        shaders/gaunt/fft_fourier_to_sh.wgsl   columns → SH coefficients
//
// Column k of a real signal has parity (−1)^k in u (F[−u, k] = (−1)^k F[u, k]), and so have its
// samples in θ. Columns 2p and 2p + 1 are therefore stored summed, in one "pair" column p, and one
// FFT transforms both: the even and odd parts of the pair at ±q give them back,
//   F_{2p}[q] = (Z_p[q] + Z_p[−q]) / 2,   F_{2p+1}[q] = (Z_p[q] − Z_p[−q]) / 2.
// A degree-L signal has ⌊L/2⌋ + 1 pairs of n complex values (interleaved), pair p at [p·n, (p+1)·n),
// index q = u mod n. Adjoints are for the real inner product ⟨a, b⟩ = Σ Re a·Re b + Im a·Im b.

import type { SparseRows } from './gaunt-fft-plan';

const wrap = (u: number, n: number) => (u < 0 ? u + n : u);

/** Pair columns of a degree-L signal. */
export const pairCount = (L: number) => (L >> 1) + 1;

/** Column k at index q, from its pair: (Z[q] + (−1)^k Z[−q]) / 2. */
function unpaired(z: Float64Array, n: number, k: number, q: number): [number, number] {
  const [at, mirror] = [2 * ((k >> 1) * n + q), 2 * ((k >> 1) * n + ((n - q) % n))];
  const sign = k % 2 === 0 ? 0.5 : -0.5;
  return [0.5 * z[at] + sign * z[mirror], 0.5 * z[at + 1] + sign * z[mirror + 1]];
}

/** Adjoint of unpaired: spreads the gradient (gr, gi) of column k at q over its pair. */
function unpairedAdjoint(grad: Float64Array, n: number, k: number, q: number, gr: number, gi: number): void {
  const [at, mirror] = [2 * ((k >> 1) * n + q), 2 * ((k >> 1) * n + ((n - q) % n))];
  const sign = k % 2 === 0 ? 0.5 : -0.5;
  grad[at] += 0.5 * gr;
  grad[at + 1] += 0.5 * gi;
  grad[mirror] += sign * gr;
  grad[mirror + 1] += sign * gi;
}

/** Paired columns Z_{k>>1}[u] += Σ x[offset + index]·weight over the rows (k, u) of `table` (degree L). */
export function toColumns(table: SparseRows, L: number, n: number, x: ArrayLike<number>, offset: number) {
  const width = 2 * L + 1;
  const columns = new Float64Array(2 * pairCount(L) * n);
  for (let row = 0; row < (L + 1) * width; row++) {
    const at = 2 * ((Math.floor(row / width) >> 1) * n + wrap((row % width) - L, n));
    for (let e = table.start[row]; e < table.start[row + 1]; e++) {
      const value = x[offset + table.index[e]];
      columns[at] += value * table.weight[2 * e];
      columns[at + 1] += value * table.weight[2 * e + 1];
    }
  }
  return columns;
}

/** Adjoint of toColumns: grad[offset + index] += Re(conj(weight)·gradColumns[pair of k, u]). */
export function toColumnsAdjoint(
  table: SparseRows,
  L: number,
  n: number,
  gradColumns: Float64Array,
  grad: Float64Array,
  offset: number,
): void {
  const width = 2 * L + 1;
  for (let row = 0; row < (L + 1) * width; row++) {
    const at = 2 * ((Math.floor(row / width) >> 1) * n + wrap((row % width) - L, n));
    for (let e = table.start[row]; e < table.start[row + 1]; e++) {
      grad[offset + table.index[e]] +=
        table.weight[2 * e] * gradColumns[at] + table.weight[2 * e + 1] * gradColumns[at + 1];
    }
  }
}

/** Row j of a signal's samples at azimuthal frequency v (any sign): conj of column −v for v < 0. */
function rowValue(z: Float64Array, n: number, j: number, v: number): [number, number] {
  const [re, im] = unpaired(z, n, Math.abs(v), j);
  return [re, v >= 0 ? im : -im];
}

/** Rows 0..⌊n/2⌋ are computed; row n − j is (−1)^k times row j (θ ↦ −θ on a real signal). */
const isComputedRow = (j: number, n: number) => 2 * j <= n;
const isMirrored = (j: number, n: number) => j > 0 && 2 * j < n;

/**
 * H[j, k] = Σ_v A[j, v]·B[j, k − v] for 0 ≤ k < Kc: at each θ_j the product's azimuthal Fourier
 * coefficients are the linear convolution of the two rows (|v| ≤ La, |k − v| ≤ Lb). Written paired,
 * with row n − j = (−1)^k row j.
 */
export function rowProduct(a: Float64Array, La: number, b: Float64Array, Lb: number, Kc: number, n: number) {
  const h = new Float64Array(2 * pairCount(Kc - 1) * n);
  for (let k = 0; k < Kc; k++) {
    const sign = k % 2 === 0 ? 1 : -1;
    for (let j = 0; isComputedRow(j, n); j++) {
      let [re, im] = [0, 0];
      for (let v = Math.max(-La, k - Lb); v <= Math.min(La, k + Lb); v++) {
        const [ar, ai] = rowValue(a, n, j, v);
        const [br, bi] = rowValue(b, n, j, k - v);
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      const at = 2 * ((k >> 1) * n + j);
      h[at] += re;
      h[at + 1] += im;
      if (isMirrored(j, n)) {
        const mirror = 2 * ((k >> 1) * n + n - j);
        h[mirror] += sign * re;
        h[mirror + 1] += sign * im;
      }
    }
  }
  return h;
}

/**
 * Adjoint of rowProduct in each argument (a correlation in v): for z = x·y the adjoint in x is
 * g·conj(y); where the forward used conj(A) (v < 0) the adjoint in A is conj(g)·y. Mirrored rows
 * fold back onto the rows they were copied from, and unpairing onto both halves of each pair.
 */
export function rowProductAdjoint(
  g: Float64Array,
  a: Float64Array,
  La: number,
  b: Float64Array,
  Lb: number,
  Kc: number,
  n: number,
): { gradA: Float64Array; gradB: Float64Array } {
  const gradA = new Float64Array(a.length);
  const gradB = new Float64Array(b.length);
  const accumulate = (
    grad: Float64Array,
    j: number,
    v: number,
    gr: number,
    gi: number,
    yr: number,
    yi: number,
  ) => {
    // g·conj(y), conjugated back where the forward read conj(column −v).
    const [re, im] = [gr * yr + gi * yi, gi * yr - gr * yi];
    unpairedAdjoint(grad, n, Math.abs(v), j, re, v >= 0 ? im : -im);
  };
  for (let k = 0; k < Kc; k++) {
    const sign = k % 2 === 0 ? 1 : -1;
    for (let j = 0; isComputedRow(j, n); j++) {
      const at = 2 * ((k >> 1) * n + j);
      let [gr, gi] = [g[at], g[at + 1]];
      if (isMirrored(j, n)) {
        const mirror = 2 * ((k >> 1) * n + n - j);
        gr += sign * g[mirror];
        gi += sign * g[mirror + 1];
      }
      for (let v = Math.max(-La, k - Lb); v <= Math.min(La, k + Lb); v++) {
        const [ar, ai] = rowValue(a, n, j, v);
        const [br, bi] = rowValue(b, n, j, k - v);
        accumulate(gradA, j, v, gr, gi, br, bi);
        accumulate(gradB, j, k - v, gr, gi, ar, ai);
      }
    }
  }
  return { gradA, gradB };
}

/** out[offset + row] = Σ_u Re(conj(weight)·H[u, |m|]) for the rows (l, m) of the projection table. */
export function project(
  table: SparseRows,
  Lc: number,
  n: number,
  h: Float64Array,
  out: Float64Array,
  offset: number,
) {
  for (let row = 0; row < (Lc + 1) ** 2; row++) {
    const l = Math.floor(Math.sqrt(row));
    const k = Math.abs(row - l * l - l);
    let sum = 0;
    for (let e = table.start[row]; e < table.start[row + 1]; e++) {
      const [hr, hi] = unpaired(h, n, k, table.index[e]);
      sum += table.weight[2 * e] * hr + table.weight[2 * e + 1] * hi;
    }
    out[offset + row] = sum;
  }
}

/** Adjoint of project: gradH[u, |m|] += grad[offset + row]·weight, spread over the pair. */
export function projectAdjoint(
  table: SparseRows,
  Lc: number,
  n: number,
  grad: ArrayLike<number>,
  offset: number,
) {
  const gradH = new Float64Array(2 * pairCount(Lc) * n);
  for (let row = 0; row < (Lc + 1) ** 2; row++) {
    const l = Math.floor(Math.sqrt(row));
    const k = Math.abs(row - l * l - l);
    for (let e = table.start[row]; e < table.start[row + 1]; e++) {
      const g = grad[offset + row];
      unpairedAdjoint(gradH, n, k, table.index[e], g * table.weight[2 * e], g * table.weight[2 * e + 1]);
    }
  }
  return gradH;
}
