/** Splitting lines into fields while remembering the column each field started at. */

import { describeBadNumber, parseFiniteNumber, parseStrictInteger } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import type { Line } from './text-input';

export interface Field {
  text: string;
  /** 1-based column of the field's first character. */
  column: number;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Whitespace-separated fields of a line (spaces, tabs, stray CR/VT/FF). */
export function splitFields(text: string): Field[] {
  const fields: Field[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    fields.push({ text: text.slice(start, i), column: start + 1 });
  }
  return fields;
}

/** A finite number from a field, or a ParseError naming what the number was for. */
export function readNumber(line: Line, field: Field, what: string, hint: string): number {
  const value = parseFiniteNumber(field.text);
  if (value !== undefined) return value;
  throw new ParseError({
    line: line.number,
    column: field.column,
    expected: `a number for ${what}`,
    found: `${quoteFound(field.text)} (${describeBadNumber(field.text)})`,
    hint,
  });
}

/** A whole number in [min, max] from a field, or a ParseError. */
export function readInteger(
  line: Line,
  field: Field,
  what: string,
  range: [number, number],
  hint: string,
): number {
  const value = parseStrictInteger(field.text);
  if (value !== undefined && value >= range[0] && value <= range[1]) return value;
  const expected =
    range[1] === Number.MAX_SAFE_INTEGER
      ? `a whole number ≥ ${range[0]} for ${what}`
      : `a whole number from ${range[0]} to ${range[1]} for ${what}`;
  throw new ParseError({
    line: line.number,
    column: field.column,
    expected,
    found: quoteFound(field.text),
    hint,
  });
}

/**
 * The fixed-width field in 1-based columns [first, last] (inclusive, as format specs write them),
 * trimmed; errors point at its first column. Columns past the end of the line read as blank.
 */
export function fixedField(line: Line, first: number, last: number): Field {
  return { text: line.text.slice(first - 1, last).trim(), column: first };
}
