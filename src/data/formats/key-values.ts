/**
 * Tokenising an extended XYZ comment line into `key=value` pairs. Values may be bare, "quoted"
 * (with \" and \\ escapes) or {braced}; a key without '=' is a flag (ASE reads it as true). One
 * left-to-right pass, no regular expressions.
 */

export interface KeyValue {
  key: string;
  /** Unquoted value; '' for flags. */
  value: string;
  /** Whether the value was written in quotes or braces (then it is never read as a number). */
  quoted: boolean;
  /** True for a key without '='. */
  flag: boolean;
  /** 1-based columns of the key and of the value (after the opening quote). */
  keyColumn: number;
  valueColumn: number;
}

export type KeyValueResult =
  | { ok: true; pairs: KeyValue[] }
  | { ok: false; column: number; expected: string; found: string };

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';
}

/** Read a quoted ("…") or braced ({…}) value starting at the opening character `i`. */
function readDelimited(text: string, i: number): { value: string; end: number } | null {
  const close = text[i] === '"' ? '"' : '}';
  let value = '';
  let j = i + 1;
  while (j < text.length && text[j] !== close) {
    if (close === '"' && text[j] === '\\' && j + 1 < text.length) j++;
    value += text[j];
    j++;
  }
  return j < text.length ? { value, end: j + 1 } : null;
}

export function tokenizeKeyValues(text: string): KeyValueResult {
  const pairs: KeyValue[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length) return { ok: true, pairs };
    const keyStart = i;
    if (text[i] === '"' || text[i] === '{') {
      return { ok: false, column: i + 1, expected: 'a key before a quoted value', found: `'${text[i]}'` };
    }
    while (i < text.length && !isSpace(text[i]) && text[i] !== '=' && text[i] !== '"') i++;
    const key = text.slice(keyStart, i);
    if (key.length === 0) return { ok: false, column: i + 1, expected: 'a key before =', found: "'='" };
    let j = i;
    while (j < text.length && isSpace(text[j])) j++;
    if (text[j] !== '=') {
      if (text[j] === '"') return { ok: false, column: j + 1, expected: "'=' after a key", found: "'\"'" };
      pairs.push({ key, value: '', quoted: false, flag: true, keyColumn: keyStart + 1, valueColumn: i + 1 });
      continue;
    }
    j++;
    while (j < text.length && isSpace(text[j])) j++;
    if (text[j] === '"' || text[j] === '{') {
      const read = readDelimited(text, j);
      if (read === null) {
        const what = text[j] === '"' ? 'a closing quote (")' : "a closing brace '}'";
        return {
          ok: false,
          column: j + 1,
          expected: `${what} for the value of ${key}`,
          found: 'the end of the line',
        };
      }
      pairs.push({
        key,
        value: read.value,
        quoted: true,
        flag: false,
        keyColumn: keyStart + 1,
        valueColumn: j + 2,
      });
      i = read.end;
      continue;
    }
    const valueStart = j;
    while (j < text.length && !isSpace(text[j])) j++;
    if (j === valueStart)
      return { ok: false, column: j + 1, expected: `a value for ${key}`, found: 'nothing' };
    const value = text.slice(valueStart, j);
    pairs.push({
      key,
      value,
      quoted: false,
      flag: false,
      keyColumn: keyStart + 1,
      valueColumn: valueStart + 1,
    });
    i = j;
  }
}

/** Quote a string value for writing: "…" with \" and \\ escaped. */
export function quoteValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Whether a key can be written bare and read back unchanged. */
export function isWritableKey(key: string): boolean {
  return key.length > 0 && !/[\s="{}]/.test(key);
}
