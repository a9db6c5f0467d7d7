/** Small numeric comparison helpers for tests. */

/** ‖want − got‖₂ / ‖want‖₂; falls back to the absolute error ‖got‖₂ when want is all zeros. */
export function relativeError(want: ArrayLike<number>, got: ArrayLike<number>): number {
  if (want.length !== got.length) {
    throw new RangeError(`relativeError: length mismatch (want ${want.length}, got ${got.length})`);
  }
  let diff2 = 0;
  let want2 = 0;
  for (let i = 0; i < want.length; i++) {
    const d = want[i] - got[i];
    diff2 += d * d;
    want2 += want[i] * want[i];
  }
  if (Number.isNaN(diff2)) return Number.NaN;
  return want2 === 0 ? Math.sqrt(diff2) : Math.sqrt(diff2 / want2);
}

/** max_i |want_i − got_i| (NaN if any entry is NaN, so that NaNs never pass a `<` check). */
export function maxAbsDiff(want: ArrayLike<number>, got: ArrayLike<number>): number {
  if (want.length !== got.length) {
    throw new RangeError(`maxAbsDiff: length mismatch (want ${want.length}, got ${got.length})`);
  }
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(want[i] - got[i]);
    if (Number.isNaN(d)) return Number.NaN;
    if (d > worst) worst = d;
  }
  return worst;
}
