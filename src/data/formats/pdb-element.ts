/**
 * The element of a PDB ATOM/HETATM record: columns 77-78 when present, otherwise inferred from
 * the atom name in columns 13-16, as old and hand-written files need.
 *
 * The PDB convention aligns names so that the element occupies columns 13-14: one-letter
 * elements leave column 13 blank (" CA " is an alpha carbon) and two-letter elements fill it
 * ("CA  " in a HETATM is calcium, "FE  " iron). Four-character hydrogen names ("HG21") start in
 * column 13 too, so a two-letter reading is only trusted for HETATM records whose name is just
 * the symbol.
 */
import { canonicalSymbol } from './elements';
import { fixedField } from './fields';
import { ParseError, quoteFound } from './parse-error';
import type { Line } from './text-input';

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

/** The element implied by an atom name (columns 13-16), or undefined. */
export function elementFromAtomName(name: string, hetatm: boolean): string | undefined {
  const padded = name.padEnd(4);
  if (isLetter(padded[0]) && isLetter(padded[1])) {
    const two = canonicalSymbol(padded.slice(0, 2));
    if (two !== undefined && hetatm && padded.slice(2).trim() === '') return two;
  }
  // Skip leading blanks and digits ("1HB " is a hydrogen), then take one letter.
  let i = 0;
  while (i < padded.length && (padded[i] === ' ' || (padded[i] >= '0' && padded[i] <= '9'))) i++;
  return isLetter(padded[i]) ? canonicalSymbol(padded[i]) : undefined;
}

/** Element from columns 77-78, falling back to the atom name; a ParseError if neither gives one. */
export function readPdbElement(line: Line, hetatm: boolean): string {
  const field = fixedField(line, 77, 78);
  if (field.text.length > 0) {
    const symbol = canonicalSymbol(field.text);
    if (symbol !== undefined) return symbol;
    throw new ParseError({
      line: line.number,
      column: 77,
      expected: 'an element symbol in columns 77-78',
      found: quoteFound(field.text),
      hint: 'Write the element right-justified in columns 77-78 (e.g. " C", "FE"), or leave the columns blank to infer it from the atom name.',
    });
  }
  const name = line.text.slice(12, 16);
  const inferred = elementFromAtomName(name, hetatm);
  if (inferred !== undefined) return inferred;
  throw new ParseError({
    line: line.number,
    column: 13,
    expected: 'an element in columns 77-78, or an atom name in columns 13-16 that starts with one',
    found: quoteFound(name),
    hint: 'Add the element symbol in columns 77-78.',
  });
}
