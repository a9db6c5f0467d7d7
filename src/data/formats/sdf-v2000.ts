/**
 * The V2000 connection table: fixed-column atom and bond blocks, then property lines up to
 * `M  END`. Columns follow the CTfile specification (BIOVIA, 2020):
 *
 *   atom:  xxxxx.xxxxyyyyy.yyyyzzzzz.zzzz aaaddcccssshhhbbbvvvHHHrrriiimmmnnneee
 *   bond:  111222tttsssxxxrrrccc
 */
import { elementHint } from './element-field';
import { canonicalSymbol } from './elements';
import { type Field, fixedField, readInteger, splitFields } from './fields';
import { BOND_TYPE_HINT, bondOrderFromType, type ConnectionTable } from './molfile-ctab';
import { describeBadNumber, parseFiniteNumber } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { type Line, type LineReader, truncatedError } from './text-input';

const ATOM_HINT =
  'V2000 atom lines are fixed-width: x, y, z in columns 1-10, 11-20, 21-30 (%10.4f) and the element in columns 32-34.';
const BOND_HINT =
  'V2000 bond lines are fixed-width: first atom in columns 1-3, second in 4-6, bond type in 7-9.';

/** Atom-block charge codes (columns 37-39); 4 is a doublet radical with no charge. */
const CHARGE_CODES = [0, 3, 2, 1, 0, -1, -2, -3];

function fixedNumber(line: Line, first: number, last: number, what: string): number {
  const field = fixedField(line, first, last);
  const value = parseFiniteNumber(field.text);
  if (value !== undefined) return value;
  throw new ParseError({
    line: line.number,
    column: first,
    expected: `a number in columns ${first}-${last} (${what})`,
    found:
      field.text.length === 0
        ? 'blank columns'
        : `${quoteFound(field.text)} (${describeBadNumber(field.text)})`,
    hint: ATOM_HINT,
  });
}

function fixedInteger(
  line: Line,
  first: number,
  last: number,
  what: string,
  range: [number, number],
  hint: string,
): number {
  const field = fixedField(line, first, last);
  if (field.text.length === 0) {
    throw new ParseError({
      line: line.number,
      column: first,
      expected: `${what} in columns ${first}-${last}`,
      found: 'blank columns',
      hint,
    });
  }
  return readInteger(line, field, `${what} (columns ${first}-${last})`, range, hint);
}

function readAtom(line: Line, table: ConnectionTable, countsHint: string): void {
  if (line.text.length < 32) {
    throw new ParseError({
      line: line.number,
      column: line.text.length + 1,
      expected: 'a V2000 atom line of at least 32 characters (coordinates and element)',
      found: `a line of ${line.text.length}`,
      hint: `${ATOM_HINT} ${countsHint}`,
    });
  }
  table.positions.push(
    fixedNumber(line, 1, 10, 'x coordinate'),
    fixedNumber(line, 11, 20, 'y coordinate'),
    fixedNumber(line, 21, 30, 'z coordinate'),
  );
  const symbolField = fixedField(line, 32, 34);
  const symbol = canonicalSymbol(symbolField.text);
  if (symbol === undefined) {
    throw new ParseError({
      line: line.number,
      column: 32,
      expected: 'an element symbol in columns 32-34',
      found: symbolField.text.length === 0 ? 'blank columns' : quoteFound(symbolField.text),
      hint: elementHint(symbolField.text),
    });
  }
  table.elements.push(symbol);
  const chargeField = fixedField(line, 37, 39);
  const code =
    chargeField.text.length === 0
      ? 0
      : readInteger(line, chargeField, 'the charge code (columns 37-39)', [0, 7], ATOM_HINT);
  table.charges.push(CHARGE_CODES[code]);
}

function readBond(line: Line, nAtoms: number, table: ConnectionTable): void {
  const i = fixedInteger(line, 1, 3, 'the first atom number', [1, nAtoms], BOND_HINT);
  const j = fixedInteger(line, 4, 6, 'the second atom number', [1, nAtoms], BOND_HINT);
  if (i === j) {
    throw new ParseError({
      line: line.number,
      column: 4,
      expected: 'a bond between two different atoms',
      found: `atom ${i} bonded to itself`,
      hint: BOND_HINT,
    });
  }
  const type = fixedInteger(line, 7, 9, 'the bond type', [1, 8], BOND_TYPE_HINT);
  const order = bondOrderFromType(type);
  if (order === undefined) {
    throw new ParseError({
      line: line.number,
      column: 7,
      expected: 'bond type 1, 2, 3 or 4',
      found: `query bond type ${type}`,
      hint: BOND_TYPE_HINT,
    });
  }
  table.bonds.push([i - 1, j - 1, order]);
}

/** `M  CHGnn8 aaa vvv …`: up to 8 (atom, charge) pairs; these replace all atom-block charges. */
function readChargeLine(line: Line, nAtoms: number, charges: number[]): void {
  const fields: Field[] = splitFields(line.text.slice(6)).map((f) => ({
    text: f.text,
    column: f.column + 6,
  }));
  const hint = 'Write charges as M  CHG followed by the number of entries (1-8) and atom/charge pairs.';
  if (fields.length === 0)
    throw new ParseError({
      line: line.number,
      column: 7,
      expected: 'the number of charge entries',
      found: 'the end of the line',
      hint,
    });
  const count = readInteger(line, fields[0], 'the number of charge entries', [1, 8], hint);
  if (fields.length !== 1 + 2 * count) {
    const column = fields.length > 1 + 2 * count ? fields[1 + 2 * count].column : line.text.length + 1;
    throw new ParseError({
      line: line.number,
      column,
      expected: `${count} atom/charge pairs`,
      found: `${(fields.length - 1) / 2} pairs`,
      hint,
    });
  }
  for (let k = 0; k < count; k++) {
    const atom = readInteger(line, fields[1 + 2 * k], 'an atom number', [1, nAtoms], hint);
    charges[atom - 1] = readInteger(line, fields[2 + 2 * k], 'a formal charge', [-15, 15], hint);
  }
}

/** Read atoms, bonds and property lines after a V2000 counts line, through `M  END`. */
export function readV2000(
  reader: LineReader,
  nAtoms: number,
  nBonds: number,
  countsLine: number,
): ConnectionTable {
  const table: ConnectionTable = { positions: [], elements: [], charges: [], bonds: [] };
  const countsHint = `The counts line (line ${countsLine}) declares ${nAtoms} atoms and ${nBonds} bonds; check it against the blocks below it.`;
  const next = (expected: string): Line => {
    const line = reader.next();
    if (line === null) throw truncatedError(reader, expected, countsHint);
    return line;
  };
  for (let a = 0; a < nAtoms; a++) readAtom(next(`atom line ${a + 1} of ${nAtoms}`), table, countsHint);
  for (let b = 0; b < nBonds; b++) readBond(next(`bond line ${b + 1} of ${nBonds}`), nAtoms, table);
  let chargesReset = false;
  for (;;) {
    const line = next("'M  END' closing the connection table");
    const tag = line.text.slice(0, 6);
    if (tag === 'M  END') return table;
    if (tag === 'M  CHG') {
      // The first M  CHG line supersedes every charge written in the atom block.
      if (!chargesReset) table.charges.fill(0);
      chargesReset = true;
      readChargeLine(line, nAtoms, table.charges);
    } else if (tag.startsWith('A  ') || tag.startsWith('G  ')) {
      next('the text line of an atom alias or group abbreviation');
    } else if (!(tag.startsWith('M  ') || tag.startsWith('V  ') || tag.startsWith('S  '))) {
      throw new ParseError({
        line: line.number,
        column: 1,
        expected: `a property line (M  …) or 'M  END' after ${nAtoms} atoms and ${nBonds} bonds`,
        found: quoteFound(line.text),
        hint: `Check the atom and bond counts on line ${countsLine}: they must match the blocks exactly.`,
      });
    }
  }
}
