// Real spherical harmonics as 2D Fourier series on the torus (θ, φ), in float64: the conversion
// tables of the Gaunt-FFT route (Luo et al., ICLR 2024). docs/kernels/gaunt-fft.md has the maths.
//
// Axes as e3nn: the polar axis is y, x = sinθ sinφ, y = cosθ, z = sinθ cosφ. In e3nn's textbook
// frame (X, Y, Z) = (z, x, y) these are ordinary spherical angles, and with `integral`
// normalisation (s = 1/√(4π))
//   Y_{l,k} = Θ_{l,k}(θ) cos kφ,  Y_{l,−k} = Θ_{l,k}(θ) sin kφ,  Y_{l,0} = Θ_{l,0}(θ),
//   Θ_{l,k}(θ) = s · q̂_l^k(cos θ) · sin^k θ = Σ_{|u| ≤ l} T_{l,k}[u] e^{iuθ},
// a trigonometric polynomial of degree l (q̂ as in sh-coefficients.ts). T is real and even in u
// for even k, imaginary and odd for odd k, and zero unless u ≡ l (mod 2).

import { INV_SQRT_4PI, recursionCoefficients, sectoralConstant, subSectoralFactor } from './sh-coefficients';

/** Complex numbers as [re, im]. */
export type Complex = [number, number];

/** T_{l,k}[u] for 0 ≤ k ≤ l ≤ lmax and |u| ≤ lmax (zero for |u| > l), interleaved (re, im). */
export interface ThetaSeries {
  readonly lmax: number;
  readonly data: Float64Array;
}

const pairIndex = (l: number, k: number) => (l * (l + 1)) / 2 + k;

export function thetaCoefficient(t: ThetaSeries, l: number, k: number, u: number): Complex {
  if (Math.abs(u) > t.lmax) return [0, 0];
  const i = 2 * (pairIndex(l, k) * (2 * t.lmax + 1) + u + t.lmax);
  return [t.data[i], t.data[i + 1]];
}

/**
 * Runs the harmonics' own recursion on Fourier coefficients: sin^k θ by repeated multiplication
 * with sin θ = (e^{iθ} − e^{−iθ})/2i, then q̂_l^k = a·Z·q̂_{l−1}^k − b·q̂_{l−2}^k with
 * Z = cos θ = (e^{iθ} + e^{−iθ})/2 (ρ = 1 on the sphere). Only shifts and sums: exact to rounding.
 */
export function thetaSeries(lmax: number): ThetaSeries {
  if (!Number.isInteger(lmax) || lmax < 0) throw new RangeError(`lmax must be an integer ≥ 0, got ${lmax}`);
  const width = 2 * lmax + 1;
  const data = new Float64Array(2 * width * pairIndex(lmax + 1, 0));
  const row = (l: number, k: number) =>
    data.subarray(2 * width * pairIndex(l, k), 2 * width * (pairIndex(l, k) + 1));
  let sinPower: Float64Array = new Float64Array(2 * width);
  sinPower[2 * lmax] = INV_SQRT_4PI; // s · sin^0 θ
  for (let k = 0; k <= lmax; k++) {
    if (k > 0) sinPower = multiplyBySin(sinPower, width);
    const sectoral = row(k, k);
    for (let i = 0; i < 2 * width; i++) sectoral[i] = sectoralConstant(k) * sinPower[i];
    if (k + 1 <= lmax) {
      const next = row(k + 1, k);
      const z = multiplyByCos(sectoral, width);
      for (let i = 0; i < 2 * width; i++) next[i] = subSectoralFactor(k + 1) * z[i];
    }
    for (let l = k + 2; l <= lmax; l++) {
      const { a, b } = recursionCoefficients(l, k);
      const z = multiplyByCos(row(l - 1, k), width);
      const older = row(l - 2, k);
      const out = row(l, k);
      for (let i = 0; i < 2 * width; i++) out[i] = a * z[i] - b * older[i];
    }
  }
  return { lmax, data };
}

/** (cos θ · f)[u] = (f[u−1] + f[u+1]) / 2; the top coefficient never overflows the width here. */
function multiplyByCos(f: Float64Array, width: number): Float64Array {
  const out = new Float64Array(2 * width);
  for (let i = 0; i < width; i++) {
    for (const c of [0, 1]) {
      const below = i > 0 ? f[2 * (i - 1) + c] : 0;
      const above = i < width - 1 ? f[2 * (i + 1) + c] : 0;
      out[2 * i + c] = 0.5 * (below + above);
    }
  }
  return out;
}

/** (sin θ · f)[u] = (f[u−1] − f[u+1]) / 2i = (−i/2)(f[u−1] − f[u+1]). */
function multiplyBySin(f: Float64Array, width: number): Float64Array {
  const out = new Float64Array(2 * width);
  for (let i = 0; i < width; i++) {
    const dr = (i > 0 ? f[2 * (i - 1)] : 0) - (i < width - 1 ? f[2 * (i + 1)] : 0);
    const di = (i > 0 ? f[2 * (i - 1) + 1] : 0) - (i < width - 1 ? f[2 * (i + 1) + 1] : 0);
    out[2 * i] = 0.5 * di; // (−i/2)(dr + i·di) = (di − i·dr)/2
    out[2 * i + 1] = -0.5 * dr;
  }
  return out;
}

/**
 * ∫_0^π e^{inθ} sin θ dθ in closed form: 2/(1 − n²) for even n, ±iπ/2 for n = ±1, 0 for other odd n
 * (from sin θ = (e^{iθ} − e^{−iθ})/2i and ∫_0^π e^{ipθ} dθ = π, 0 or 2i/p for p = 0, even, odd).
 */
export function halfRangeSinIntegral(n: number): Complex {
  if (n % 2 === 0) return [2 / (1 - n * n), 0];
  if (n === 1) return [0, Math.PI / 2];
  if (n === -1) return [0, -Math.PI / 2];
  return [0, 0];
}

/**
 * G_{l,k}[u] = ∫_0^π e^{iuθ} Θ_{l,k}(θ) sin θ dθ = Σ_{u'} T_{l,k}[u'] · I(u + u'): the θ half of
 * projecting e^{i(uθ + vφ)} onto Y_{l,±k}. Non-zero for every u ≡ l (mod 2), and for |u| ≤ l + 1.
 */
export function projectionIntegral(t: ThetaSeries, l: number, k: number, u: number): Complex {
  let re = 0;
  let im = 0;
  for (let w = -l; w <= l; w += 2) {
    const [tr, ti] = thetaCoefficient(t, l, k, w);
    const [ir, ii] = halfRangeSinIntegral(u + w);
    re += tr * ir - ti * ii;
    im += tr * ii + ti * ir;
  }
  return [re, im];
}

/** Index of F[u, v] in a (2L+1)² grid, row u, column v, both from −L. */
export function gridIndex(L: number, u: number, v: number): number {
  return (u + L) * (2 * L + 1) + v + L;
}

/**
 * SH coefficients (l ≤ L, index l² + l + m, `integral` normalisation) → the 2D Fourier coefficients
 * F[u, v], |u|, |v| ≤ L, of the same function: f(θ, φ) = Σ F[u, v] e^{i(uθ + vφ)}. Interleaved complex.
 * From cos kφ = (e^{ikφ} + e^{−ikφ})/2 and sin kφ = (e^{ikφ} − e^{−ikφ})/2i.
 */
export function shToFourier(L: number, x: ArrayLike<number>, t = thetaSeries(L)): Float64Array {
  const grid = new Float64Array(2 * (2 * L + 1) ** 2);
  for (let l = 0; l <= L; l++) {
    for (let k = 0; k <= l; k++) {
      const cosine = x[l * l + l + k];
      const sine = k > 0 ? x[l * l + l - k] : 0;
      for (let u = -l; u <= l; u += 2) {
        const [tr, ti] = thetaCoefficient(t, l, k, u);
        if (k === 0) {
          grid[2 * gridIndex(L, u, 0)] += tr * cosine;
          grid[2 * gridIndex(L, u, 0) + 1] += ti * cosine;
          continue;
        }
        // e^{±ikφ} gets T·(cosine ∓ i·sine)/2.
        for (const v of [k, -k]) {
          const [cr, ci] = [cosine / 2, v > 0 ? -sine / 2 : sine / 2];
          grid[2 * gridIndex(L, u, v)] += tr * cr - ti * ci;
          grid[2 * gridIndex(L, u, v) + 1] += tr * ci + ti * cr;
        }
      }
    }
  }
  return grid;
}

/**
 * The projection f_lm = ∫∫ f Y_lm sinθ dθ dφ of f = Σ F[u, v] e^{i(uθ + vφ)} (grid of half-width
 * Lf) onto l ≤ Lout. The φ integral keeps v = ±k: 2π for k = 0, π(F[u,k] + F[u,−k]) against cos kφ,
 * iπ(F[u,k] − F[u,−k]) against sin kφ; the θ integral is G. Returns the real parts.
 */
export function fourierToSh(
  Lf: number,
  Lout: number,
  grid: Float64Array,
  t = thetaSeries(Lout),
): Float64Array {
  const out = new Float64Array((Lout + 1) ** 2);
  for (let l = 0; l <= Lout; l++) {
    for (let k = 0; k <= Math.min(l, Lf); k++) {
      let [cosRe, sinRe] = [0, 0];
      for (let u = -Lf; u <= Lf; u++) {
        const [gr, gi] = projectionIntegral(t, l, k, u);
        const plus = 2 * gridIndex(Lf, u, k);
        const minus = 2 * gridIndex(Lf, u, -k);
        const [sr, si] =
          k === 0
            ? [2 * grid[plus], 2 * grid[plus + 1]]
            : [grid[plus] + grid[minus], grid[plus + 1] + grid[minus + 1]];
        const [dr, di] = [grid[plus] - grid[minus], grid[plus + 1] - grid[minus + 1]];
        cosRe += Math.PI * (gr * sr - gi * si);
        sinRe += -Math.PI * (gr * di + gi * dr); // Re(iπ · G · D) = −π Im(G·D)
      }
      out[l * l + l + k] = cosRe;
      if (k > 0) out[l * l + l - k] = sinRe;
    }
  }
  return out;
}

/** f(θ, φ) = Re Σ F[u, v] e^{i(uθ + vφ)} for a (2L+1)² grid: to check the tables pointwise. */
export function evaluateFourier(L: number, grid: Float64Array, theta: number, phi: number): number {
  let sum = 0;
  for (let u = -L; u <= L; u++) {
    for (let v = -L; v <= L; v++) {
      const i = 2 * gridIndex(L, u, v);
      const angle = u * theta + v * phi;
      sum += grid[i] * Math.cos(angle) - grid[i + 1] * Math.sin(angle);
    }
  }
  return sum;
}
