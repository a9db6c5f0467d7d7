/**
 * Interpreting the comment line of an (extended) XYZ frame: `Lattice`, `Properties` (the atom
 * line's columns), `pbc`, `energy`, `comment` and free key=value pairs.
 */
import { type KeyValue, tokenizeKeyValues } from './key-values';
import { parseFiniteNumber } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { setOwn } from './records';
import type { Line } from './text-input';
import type { InfoValue } from './types';

/** One column group of the atom lines: `name:type:count` in the Properties key. */
export interface XyzColumn {
  name: string;
  /** S string, R real, I integer, L logical (T/F). */
  type: 'S' | 'R' | 'I' | 'L';
  count: number;
}

export interface XyzHeader {
  columns: XyzColumn[];
  /** True when the columns came from a Properties key (else: species x y z [extra reals]). */
  extended: boolean;
  lattice?: number[];
  pbc?: [boolean, boolean, boolean];
  energy?: number;
  info?: Record<string, InfoValue>;
  comment?: string;
}

/** Atom lines of plain XYZ, and of extended XYZ without a Properties key. */
export const DEFAULT_COLUMNS: readonly XyzColumn[] = [
  { name: 'species', type: 'S', count: 1 },
  { name: 'pos', type: 'R', count: 3 },
];

/** Cap on the columns one atom line may declare (a hostile Properties=a:R:1000000000 is refused). */
export const MAX_XYZ_COLUMNS = 1024;

const PROPERTIES_HINT =
  'Write Properties as name:type:count triples separated by colons, e.g. species:S:1:pos:R:3:forces:R:3.';

/** Keys with a meaning of their own, compared case-insensitively. */
const RESERVED = new Set(['lattice', 'properties', 'pbc', 'energy', 'comment']);

export function isReservedXyzKey(key: string): boolean {
  return RESERVED.has(key.toLowerCase());
}

function fail(line: Line, column: number, expected: string, found: string, hint: string): never {
  throw new ParseError({ line: line.number, column, expected, found, hint });
}

/** Numbers in a space-separated value; undefined if any token is not a finite number. */
function numbersIn(value: string): number[] | undefined {
  const tokens = value.split(/[\s,]+/).filter((t) => t.length > 0);
  const out: number[] = [];
  for (const t of tokens) {
    const v = parseFiniteNumber(t);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function parseBoolean(token: string): boolean | undefined {
  const t = token.toLowerCase();
  if (t === 't' || t === 'true') return true;
  if (t === 'f' || t === 'false') return false;
  return undefined;
}

function parseProperties(line: Line, pair: KeyValue): XyzColumn[] {
  const parts = pair.value.split(':');
  if (parts.length % 3 !== 0) {
    fail(
      line,
      pair.valueColumn,
      'name:type:count triples in Properties',
      quoteFound(pair.value),
      PROPERTIES_HINT,
    );
  }
  const columns: XyzColumn[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let p = 0; p < parts.length; p += 3) {
    const [name, rawType, rawCount] = parts.slice(p, p + 3);
    const type = rawType.toUpperCase();
    const count = Number(rawCount);
    const where = `the Properties entry ${quoteFound(`${name}:${rawType}:${rawCount}`)}`;
    if (name.length === 0 || seen.has(name)) {
      fail(line, pair.valueColumn, 'a new, non-empty property name', where, PROPERTIES_HINT);
    }
    if (type !== 'S' && type !== 'R' && type !== 'I' && type !== 'L') {
      fail(line, pair.valueColumn, 'a property type S, R, I or L', where, PROPERTIES_HINT);
    }
    if (!/^[0-9]{1,4}$/.test(rawCount) || count < 1) {
      fail(line, pair.valueColumn, 'a column count from 1 to 9999', where, PROPERTIES_HINT);
    }
    total += count;
    if (total > MAX_XYZ_COLUMNS) {
      fail(
        line,
        pair.valueColumn,
        `at most ${MAX_XYZ_COLUMNS} columns per atom line`,
        where,
        PROPERTIES_HINT,
      );
    }
    seen.add(name);
    columns.push({ name, type, count });
  }
  const has = (name: string, type: string, count: number) =>
    columns.some((c) => c.name === name && c.type === type && c.count === count);
  if (!has('pos', 'R', 3))
    fail(line, pair.valueColumn, 'a pos:R:3 column', quoteFound(pair.value), PROPERTIES_HINT);
  if (!has('species', 'S', 1) && !has('Z', 'I', 1)) {
    fail(line, pair.valueColumn, 'a species:S:1 (or Z:I:1) column', quoteFound(pair.value), PROPERTIES_HINT);
  }
  const forces = columns.find((c) => c.name === 'forces');
  if (forces && (forces.type !== 'R' || forces.count !== 3)) {
    fail(line, pair.valueColumn, 'forces declared as forces:R:3', quoteFound(pair.value), PROPERTIES_HINT);
  }
  return columns;
}

/** An info value: quoted numbers become number[], bare numbers and T/F become number/boolean. */
function infoValue(pair: KeyValue): InfoValue {
  if (pair.flag) return true;
  if (pair.quoted) {
    const numbers = numbersIn(pair.value);
    return numbers !== undefined && numbers.length > 0 ? numbers : pair.value;
  }
  const n = parseFiniteNumber(pair.value);
  if (n !== undefined) return n;
  return parseBoolean(pair.value) ?? pair.value;
}

function applyPair(line: Line, pair: KeyValue, header: XyzHeader): void {
  const lower = pair.key.toLowerCase();
  if (lower === 'lattice') {
    const numbers = numbersIn(pair.value);
    if (numbers === undefined || numbers.length !== 9) {
      fail(
        line,
        pair.valueColumn,
        'nine finite numbers in Lattice',
        quoteFound(pair.value),
        'Write the three lattice vectors a, b, c as Lattice="ax ay az bx by bz cx cy cz".',
      );
    }
    header.lattice = numbers;
  } else if (lower === 'properties') {
    header.columns = parseProperties(line, pair);
    header.extended = true;
  } else if (lower === 'pbc') {
    const flags = pair.value
      .split(/\s+/)
      .filter((t) => t.length > 0)
      .map(parseBoolean);
    if (flags.length !== 3 || flags.some((f) => f === undefined)) {
      fail(
        line,
        pair.valueColumn,
        'three T/F flags in pbc',
        quoteFound(pair.value),
        'Write periodicity as pbc="T T T".',
      );
    }
    header.pbc = flags as [boolean, boolean, boolean];
  } else if (lower === 'energy') {
    const energy = parseFiniteNumber(pair.value);
    if (energy === undefined) {
      fail(
        line,
        pair.valueColumn,
        'a finite number for energy',
        quoteFound(pair.value),
        'Write the energy as a plain decimal, e.g. energy=-76.4.',
      );
    }
    header.energy = energy;
  } else if (lower === 'comment') {
    header.comment = pair.value;
  } else {
    header.info ??= {};
    setOwn(header.info, pair.key, infoValue(pair));
  }
}

/** Whether the text asks to be read as extended XYZ, so that tokenising errors must be reported. */
function declaresExtended(text: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes('properties=') || lower.includes('lattice=');
}

/**
 * Read a frame's comment line. A line with Lattice= or Properties=, or made only of key=value
 * pairs, is extended XYZ; anything else is a free-text comment and atom lines are species x y z.
 */
export function parseXyzHeader(line: Line): XyzHeader {
  const plain: XyzHeader = { columns: [...DEFAULT_COLUMNS], extended: false };
  if (line.text.trim().length > 0) plain.comment = line.text;
  const tokens = tokenizeKeyValues(line.text);
  if (!tokens.ok) {
    if (!declaresExtended(line.text)) return plain;
    fail(
      line,
      tokens.column,
      tokens.expected,
      tokens.found,
      'Quote values that contain spaces, e.g. Lattice="5 0 0 0 5 0 0 0 5".',
    );
  }
  // Free text such as "water, r(OH) = 0.96 A" tokenises too; without Lattice/Properties only a
  // line made entirely of key=value pairs is taken as metadata.
  const declared = declaresExtended(line.text);
  if (tokens.pairs.length === 0 || (!declared && tokens.pairs.some((p) => p.flag))) return plain;
  const header: XyzHeader = { columns: [...DEFAULT_COLUMNS], extended: false };
  const seen = new Set<string>();
  for (const pair of tokens.pairs) {
    const key = isReservedXyzKey(pair.key) ? pair.key.toLowerCase() : pair.key;
    if (seen.has(key))
      fail(
        line,
        pair.keyColumn,
        'each key once',
        `a second ${quoteFound(pair.key)}`,
        'Remove the duplicate key.',
      );
    seen.add(key);
    applyPair(line, pair, header);
  }
  return header;
}
