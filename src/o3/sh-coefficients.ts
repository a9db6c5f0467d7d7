// Float64 coefficients of the real spherical-harmonic recursion, shared by the float64 twin
// (spherical-harmonics.ts) and the WGSL generator (shaders/sh/generate-sh.ts), so both run the
// very same recursion.
//
// Axes: e3nn's Y at (x, y, z) is the textbook real Y (z-polar, Condon–Shortley) at
// (X, Y, Z) = (z, x, y). Everything here is written in those textbook axes.
//
// Solid harmonic, `component` normalisation, m ≥ 0:
//   R_l^{±m}(X, Y, Z) = q̂_l^m(Z, ρ) · { c_m (+m), s_m (−m), 1 (m = 0) },   ρ = X² + Y² + Z²
//   c_m + i s_m = (X + iY)^m
//   q̂_l^m = Nc_l^m · q_l^m,  q_l^m = r^{l−m} · (d^m P_l / dt^m)(Z / r)   (a polynomial in Z, ρ)
//   Nc_l^m = sqrt((2l+1) · (2 − δ_{m0}) · (l−m)! / (l+m)!)
// The normalised q̂ stay O(√l) for unit vectors, so neither float64 nor float32 overflows, and the
// upward three-term recursion in l (fixed m) is the numerically stable direction.

/** q̂_l^l: a constant, because the ρ^m of the sectoral harmonic lives in c_m, s_m. */
export function sectoralConstant(l: number): number {
  // Product of ratios q̂_k^k / q̂_{k−1}^{k−1} = sqrt((2k+1)/(2k) · κ), κ = 2 from m = 0 to 1
  // (the √2 of real m ≠ 0 harmonics); never forms the overflowing (2l)! or (2l−1)!!.
  let q = 1;
  for (let k = 1; k <= l; k++) q *= Math.sqrt(((2 * k + 1) / (2 * k)) * (k === 1 ? 2 : 1));
  return q;
}

/** q̂_l^{l−1} = subSectoralFactor(l) · Z · q̂_{l−1}^{l−1}. */
export function subSectoralFactor(l: number): number {
  return Math.sqrt(2 * l + 1);
}

/** q̂_l^m = a · Z · q̂_{l−1}^m − b · ρ · q̂_{l−2}^m, valid for 0 ≤ m ≤ l − 2. */
export function recursionCoefficients(l: number, m: number): { a: number; b: number } {
  const lm = (l - m) * (l + m);
  return {
    a: Math.sqrt(((2 * l - 1) * (2 * l + 1)) / lm),
    b: Math.sqrt(((2 * l + 1) * (l - m - 1) * (l + m - 1)) / ((2 * l - 3) * lm)),
  };
}

/**
 * Cartesian gradient of q̂ (from ∂_X q_l^m = −X q_{l−1}^{m+1}, ∂_Y q_l^m = −Y q_{l−1}^{m+1},
 * ∂_Z q_l^m = (l+m) q_{l−1}^m, with ρ = X² + Y² + Z² held as a function of the point):
 *   ∂_X q̂_l^m = −X · radial · q̂_{l−1}^{m+1},  ∂_Y likewise,  ∂_Z q̂_l^m = polar · q̂_{l−1}^m.
 * `radial` is 0 for m ≥ l − 1 and `polar` is 0 for m = l (those q̂_{l−1} do not exist).
 */
export function gradientCoefficients(l: number, m: number): { radial: number; polar: number } {
  const ratio = (2 * l + 1) / (2 * l - 1);
  return {
    radial: m <= l - 2 ? Math.sqrt(ratio * (l - m) * (l - m - 1) * (m === 0 ? 0.5 : 1)) : 0,
    polar: m <= l - 1 ? Math.sqrt(ratio * (l - m) * (l + m)) : 0,
  };
}

export const INV_SQRT_4PI = 1 / Math.sqrt(4 * Math.PI);

/** Factor turning the `component` block l into `norm` (‖Y^l‖ = 1 on the unit sphere). */
export function normFactor(l: number): number {
  return 1 / Math.sqrt(2 * l + 1);
}
