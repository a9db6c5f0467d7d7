// WGSL f32 literals for generated shaders: the float64 value rounded to f32 and printed with the
// fewest digits that read back as that same f32, so the emitted text is exact and stable.

export function f32Literal(value: number): string {
  const f = Math.fround(value);
  if (!Number.isFinite(f)) throw new Error(`${value} has no finite f32 literal`);
  if (f === 0) return '0.0f';
  for (let digits = 1; digits <= 9; digits++) {
    const text = f.toPrecision(digits);
    if (Math.fround(Number(text)) === f) return `${withDecimalPoint(text)}f`;
  }
  throw new Error(`unreachable: 9 significant digits always round-trip an f32 (${value})`);
}

/** "3" → "3.0", "2e-7" → "2.0e-7": a decimal point keeps the literal a float in every reading. */
function withDecimalPoint(text: string): string {
  const [mantissa, exponent] = text.split('e');
  const fixed = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? fixed : `${fixed}e${exponent}`;
}
