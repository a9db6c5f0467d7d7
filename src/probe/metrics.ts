/**
 * Error measures and verdicts of the probe.
 *
 * Tolerance. Models run in float32 (unit round-off u = 2⁻²⁴ ≈ 6e-8). Transforming the input
 * changes every coordinate by its float32 rounding (≤ u relative), and the forward then rounds
 * differently along another path; through a few layers of sums, products and nonlinearities the
 * outputs of an exactly equivariant model differ by 10–100 u. The base tolerance is therefore
 * 1e-5 ≈ 170 u, the project's `equivarianceF32` (src/test/tolerances.ts): every built-in
 * equivariant model must read below it.
 *
 * Floor. Some models and inputs amplify rounding more (deep networks, near-cancelling sums,
 * atoms near a cutoff, large coordinates after a translation). The probe measures this: it
 * evaluates the model on copies of x whose float32 coordinates are moved by one unit in the last
 * place (ulp), each coordinate up or down at random, and reports ‖f(x̃) − f(x)‖ / ‖f(x)‖ —
 * what float32 alone makes of this model on this input (the UI draws it as the floor). The
 * tolerance per output is FLOOR_FACTOR × floor when that exceeds the base, capped at
 * MAX_TOLERANCE so that no amount of noise turns a broken model into an equivariant one.
 */

export const BASE_TOLERANCE = 1e-5;
/** A transformed input is rounded once (≤ ½ ulp per coordinate): well inside 10 one-ulp floors. */
export const FLOOR_FACTOR = 10;
export const MAX_TOLERANCE = 1e-3;

export type Verdict = 'invariant' | 'equivariant' | 'broken';

export function tolerance(floor: number): number {
  if (!Number.isFinite(floor)) return MAX_TOLERANCE;
  return Math.min(MAX_TOLERANCE, Math.max(BASE_TOLERANCE, FLOOR_FACTOR * floor));
}

/**
 * ‖a − b‖ / ‖ref‖. When ‖ref‖ = 0 the scale is ‖a‖ (so a zero reference compared with a non-zero
 * output reads 1, not ∞), and two zeros read 0. Non-finite values read ∞.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`relativeError: lengths ${a.length} and ${b.length}`);
  let num = 0;
  let den = 0;
  let alt = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    alt += a[i] ** 2;
  }
  for (let i = 0; i < ref.length; i++) den += ref[i] ** 2;
  if (!Number.isFinite(num) || !Number.isFinite(den) || !Number.isFinite(alt))
    return Number.POSITIVE_INFINITY;
  if (num === 0) return 0;
  const scale = den > 0 ? den : alt;
  return scale > 0 ? Math.sqrt(num / scale) : 0;
}

/**
 * The verdict from the equivariance error (f(gx) vs ρ(g)f(x)) and the invariance error
 * (f(gx) vs f(x)), both against the same tolerance.
 */
export function verdictOf(equivarianceError: number, invarianceError: number, tol: number): Verdict {
  if (!(equivarianceError <= tol)) return 'broken';
  return invarianceError <= tol ? 'invariant' : 'equivariant';
}

/** Worst verdict of several: broken beats equivariant beats invariant. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('broken')) return 'broken';
  return verdicts.includes('equivariant') ? 'equivariant' : 'invariant';
}

/**
 * x nudged by one float32 ulp per coordinate (random sign): the input perturbation a float32
 * pipeline cannot tell from rounding. Returned as float64 holding float32 values.
 */
export function ulpJitter(positions: Float64Array, random: () => number): Float64Array {
  const f = Float32Array.from(positions);
  const bits = new Int32Array(f.buffer);
  for (let i = 0; i < f.length; i++) {
    if (f[i] === 0) {
      f[i] = (random() < 0.5 ? -1 : 1) * 1.401298464324817e-45;
      continue;
    }
    // Adjacent float32 values differ by one in the bit pattern (same sign).
    bits[i] += random() < 0.5 ? -1 : 1;
  }
  return Float64Array.from(f);
}
