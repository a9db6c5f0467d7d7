/**
 * How per-atom scalars map onto the diverging colormap: values of both signs are shown
 * symmetrically about zero (white = 0); values of one sign stretch from their min (blue) to their
 * max (red), so small spreads (energies per atom) still show.
 */
export interface ScalarScale {
  min: number;
  max: number;
  /** Colormap ends: [−range, range] when symmetric, else [min, max]. */
  lo: number;
  hi: number;
  symmetric: boolean;
}

export function scalarScale(values: ArrayLike<number>): ScalarScale | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return null;
  if (min < 0 && max > 0) {
    const range = Math.max(-min, max);
    return { min, max, lo: -range, hi: range, symmetric: true };
  }
  if (min === max) {
    const pad = Math.abs(min) || 1;
    return { min, max, lo: min - pad, hi: max + pad, symmetric: false };
  }
  return { min, max, lo: min, hi: max, symmetric: false };
}

/** Position of `v` on the colormap, in [−1, 1]; non-finite values map to 0 (white). */
export function scalarT(scale: ScalarScale, v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(-1, (2 * (v - scale.lo)) / (scale.hi - scale.lo) - 1));
}
