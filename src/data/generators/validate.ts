/** Config validation with readable messages (configs may come from the UI or the CLI). */

/** Throws unless `value` is an integer ≥ `min` (config validation with a readable message). */
export function requireInteger(name: string, value: number, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** Throws unless `value` is a finite number > 0 (or ≥ 0 when `allowZero`). */
export function requirePositive(name: string, value: number, allowZero = false): void {
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) throw new RangeError(`${name} must be a finite number ${allowZero ? '≥' : '>'} 0, got ${value}`);
}
