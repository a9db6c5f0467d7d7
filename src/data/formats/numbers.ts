/**
 * Strict number syntax for untrusted text. `Number()` and `parseFloat` accept '', ' ', '0x1f',
 * 'Infinity' and trailing junk ('1.5abc'); these scanners accept only plain decimals and reject
 * anything non-finite, in one pass with no regular expressions (no backtracking).
 */

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index just past a run of digits starting at `i`. */
function skipDigits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether `s` is `[+-]? (digits [. digits?] | . digits) ([eEdD] [+-]? digits)?`. Fortran's `D`
 * exponent (1.0D+00) is accepted because old quantum-chemistry codes still write it.
 */
function isDecimalSyntax(s: string): boolean {
  let i = 0;
  const sign = s.charCodeAt(0);
  if (sign === 43 || sign === 45) i++;
  const intEnd = skipDigits(s, i);
  let mantissaDigits = intEnd - i;
  i = intEnd;
  if (s.charCodeAt(i) === 46) {
    const fracEnd = skipDigits(s, i + 1);
    mantissaDigits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (mantissaDigits === 0) return false;
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69 || e === 100 || e === 68) {
    i++;
    const expSign = s.charCodeAt(i);
    if (expSign === 43 || expSign === 45) i++;
    const expEnd = skipDigits(s, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === s.length;
}

/** The finite value of a strictly decimal token, or undefined ('nan', 'inf', '1e999', '', '1,5'). */
export function parseFiniteNumber(token: string): number | undefined {
  if (!isDecimalSyntax(token)) return undefined;
  const value = Number(token.replace(/[dD]/, 'e'));
  return Number.isFinite(value) ? value : undefined;
}

/** The value of `[+-]? digits` when it is a safe integer, or undefined. */
export function parseStrictInteger(token: string): number | undefined {
  let i = 0;
  const sign = token.charCodeAt(0);
  if (sign === 43 || sign === 45) i++;
  if (i === token.length || skipDigits(token, i) !== token.length) return undefined;
  const value = Number(token);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Why a token is not a finite number, for error messages ("found 'nan' (not a finite number)"). */
export function describeBadNumber(token: string): string {
  const lower = token.toLowerCase().replace(/^[+-]/, '');
  if (lower === 'nan' || lower.startsWith('inf')) return 'a non-finite value';
  if (isDecimalSyntax(token)) return 'a number too large for double precision';
  return 'not a number';
}

/**
 * Shortest text that reads back as exactly `x` (JavaScript's round-trip formatting), keeping the
 * sign of −0. Writers use it so that write → parse is the identity.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write the non-finite value ${x}`);
  return Object.is(x, -0) ? '-0' : String(x);
}

/** `x.toFixed(digits)` without a '-0.000' for tiny negatives, so that rewriting is stable. */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write the non-finite value ${x}`);
  const s = x.toFixed(digits);
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c !== '0' && c !== '.') return s;
  }
  return s[0] === '-' ? s.slice(1) : s;
}
