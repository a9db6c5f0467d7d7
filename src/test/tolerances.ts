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
  /**
   * float32 sin/cos/exp of arguments up to ~30 (Bessel w·r at count 8): the argument's own
   * rounding (|z|·6e-8 ≈ 2e-6) dominates, relative to the largest value.
   */
  f32Transcendental: 2e-5,
  equivarianceF32: 1e-5,
  /**
   * Force-matching gradient (central difference of first-order gradients, atoms moved by
   * forceStep = 1e-3 times |residual|/RMS force) vs a central difference of the float32 loss
   * along a unit direction in weight space (step 3e-3). Measured: 2e-3 (untrained model, whose
   * residuals are several times the forces); the O(ε²) error shrinks 10× per 3× smaller step
   * until round-off takes over (6e-4 at 1e-4). 1e-2 is asserted.
   */
  forceMatchingGradient: 1e-2,
  /**
   * Autograd forces vs Richardson-extrapolated central differences (h = 1e-2 Å) of a float32
   * energy: round-off of E (~1e-7·|E|, |E| ~ 1) over 2h gives ~1e-5 absolute per component
   * against forces of ~1e-2…1, and the truncation is O(h⁴) ≈ 1e-8; 1e-3 leaves a margin of a few.
   */
  forcesVsEnergyDifferencesF32: 1e-3,
  /** Central differences of a float64 function that is linear in each coordinate (no truncation error, only round-off). */
  finiteDifferenceMultilinear: 1e-8,
  /** Central finite differences of a float64 function vs its analytic gradient (step 1e-5). */
  finiteDifferenceF64: 1e-7,
  /** float32 gradients of a composite (several ops through the tape) vs float64 finite differences. */
  gradientF32: 1e-5,
  /**
   * Optimal-superposition RMSD of two congruent point sets: a square root of a difference of O(1)
   * sums, so float64 round-off (~1e-15) shows as ~1e-8 here.
   */
  rmsdOfCongruentShapes: 1e-6,
  /** Least RMSD (in cube edges) that counts as "different shapes" for the Tetris chirality test. */
  chiralRmsdMargin: 0.1,
  /**
   * Relative energy drift of velocity Verlet over a short Coulomb run with small steps (dt = 1e-4,
   * 5000 steps, no clipping): the shadow-Hamiltonian error is O(dt²).
   */
  verletEnergyDrift: 1e-6,
  /**
   * Two float64 trajectories of the chaotic EGNN n-body system that agree in exact arithmetic
   * (rotated, translated or time-reversed copies), over ≤ 1000 steps: round-off grows through
   * close encounters (measured ≤ 2e-12 over 1024 systems). Over the full 4100 steps 99% stay
   * below 2e-9 but ~0.2% diverge to 1e-4…1e-2, so compare a quantile there (below).
   */
  chaoticTrajectoryF64: 1e-9,
  /** Fraction of n-body trajectories (4100 steps) that must meet `chaoticTrajectoryF64`. */
  chaoticTrajectoryQuantile: 0.9,
  /**
   * A small float32 model (EGNN: a few layers of SiLU MLPs on O(1) features, sums of ≤ 20 terms)
   * vs its float64 twin, outputs and tape forces (the twin's central differences at step 1e-5 are
   * exact to ~1e-10): each op adds ~1e-7 relative, a few dozen in sequence give the measured
   * ≤ 8e-7; the bound is f32Reduction's, >10× above that.
   */
  modelF32: 1e-5,
  /**
   * Rotation-equivariance error ‖f(Rx) − R f(x)‖/‖f(x)‖ of the S2 grid mixing layer with SiLU on
   * an 8 × 16 grid (8 Gauss–Legendre nodes × 16 azimuths, lmax 2, inputs ~ N(0, 1)): the pointwise
   * nonlinearity makes degrees above the grid's exactness (15) that alias on projection. Measured
   * 1.7e-3…5.6e-3 over 10 seeds (docs/models.md, Facet); the bound leaves ~2× margin. Not a float32 limit.
   */
  s2GridMixingRotation: 1e-2,
  /**
   * Rotation error of a Facet model's outputs (energies, forces, logits; SiLU grid mixing on its
   * default 8 × 16 grid, lmax 2, 2 blocks): aliasing of the grid, not float32. Measured over 8
   * seeds: energies ≤ 6e-4, forces ≤ 6.7e-3 (median 2.9e-3); bound ~3× the worst (docs/models.md).
   */
  facetRotation: 2e-2,
  /**
   * Bound, in standard errors, on the deviation of a sample mean from its exact expectation
   * (e.g. equipartition in Langevin sampling): a seeded false failure has odds ~6e-7.
   */
  statisticalZ: 5,
} as const;
