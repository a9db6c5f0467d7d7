/** Reading an element from a field: symbol in any case, or an atomic number (1–118). */
import { canonicalSymbol, elementByNumber } from './elements';
import type { Field } from './fields';
import { parseStrictInteger } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import type { Line } from './text-input';

/** The canonical symbol for a symbol or atomic number, or undefined. */
export function elementFromToken(token: string, allowNumbers: boolean): string | undefined {
  const symbol = canonicalSymbol(token);
  if (symbol !== undefined) return symbol;
  if (!allowNumbers) return undefined;
  const z = parseStrictInteger(token);
  return z === undefined ? undefined : elementByNumber(z)?.symbol;
}

/** A hint for tokens that are almost elements: labels such as 'C1', isotopes 'D', dummies 'X'. */
export function elementHint(token: string): string {
  if (/^[A-Za-z]{1,2}[0-9]+$/.test(token)) {
    return `Use the bare element symbol rather than an atom label (e.g. '${token.replace(/[0-9]+$/, '')}').`;
  }
  if (token === 'D' || token === 'T') return "Write deuterium and tritium as 'H'.";
  if (token === 'X' || token === 'Xx' || token === 'Du' || token === '*') {
    return 'Dummy atoms are not supported; remove them from the file.';
  }
  return 'Use a symbol from the periodic table (H … Og), as in the other atoms of the file.';
}

/** A canonical element from a field, or a ParseError with a specific hint. */
export function readElement(line: Line, field: Field, allowNumbers: boolean): string {
  const symbol = elementFromToken(field.text, allowNumbers);
  if (symbol !== undefined) return symbol;
  throw new ParseError({
    line: line.number,
    column: field.column,
    expected: allowNumbers
      ? 'an element symbol (H … Og) or atomic number (1–118)'
      : 'an element symbol (H … Og)',
    found: quoteFound(field.text),
    hint: elementHint(field.text),
  });
}
