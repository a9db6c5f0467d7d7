/**
 * The one table of numeric tolerances shared by all tests. Extend it here rather than
 * writing literals in test files, so that a tolerance change is a one-line, reviewable diff.
 */
export const TOL = {
  /** float64 maths built from several steps (matrix products, exponentials). */
  f64: 1e-10,
  /** float64 results that should match a float64 reference almost to the last bits. */
  f64Tight: 1e-12,
  f32Elementwise: 1e-6,
  f32Reduction: 1e-5,
  equivarianceF32: 1e-5,
  /** Central differences of a float64 function that is linear in each coordinate (no truncation error, only round-off). */
  finiteDifferenceMultilinear: 1e-8,
  /** Central finite differences of a float64 function vs its analytic gradient (step 1e-5). */
  finiteDifferenceF64: 1e-7,
  /** float32 gradients of a composite (several ops through the tape) vs float64 finite differences. */
  gradientF32: 1e-5,
} as const;
