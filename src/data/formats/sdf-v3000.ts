/**
 * The V3000 connection table: `M  V30` lines (a trailing '-' continues a line on the next one),
 * `BEGIN CTAB`, `COUNTS na nb …`, `BEGIN ATOM` / `BEGIN BOND` blocks, `END CTAB`, `M  END`.
 * Other blocks (SGROUP, COLLECTION, …) are skipped.
 */
import { readElement } from './element-field';
import { type Field, readInteger, readNumber } from './fields';
import { BOND_TYPE_HINT, bondOrderFromType, type ConnectionTable } from './molfile-ctab';
import { ParseError, quoteFound } from './parse-error';
import { type Line, type LineReader, truncatedError } from './text-input';
import type { ParseLimits } from './types';

const PREFIX = 'M  V30 ';
const HINT =
  'V3000 lines start with "M  V30 "; atom lines read "index element x y z aamap", bond lines "index type atom1 atom2".';

/** One logical V3000 line: its fields, each located on the physical line it came from. */
interface V30Line {
  fields: Field[];
  /** The physical line each field sits on (continuations span several). */
  lines: Line[];
  first: Line;
}

function fail(line: Line, column: number, expected: string, found: string, hint = HINT): never {
  throw new ParseError({ line: line.number, column, expected, found, hint });
}

/** Where a piece of a joined logical line came from. */
interface Segment {
  /** Offset of the piece in the joined text. */
  start: number;
  line: Line;
}

/**
 * Maps offsets of the joined text to lines and columns. Offsets are asked for in increasing order,
 * so the cursor only moves forward: linear even for a line continued a million times.
 */
class Placer {
  private k = 0;
  constructor(private readonly segments: Segment[]) {}

  place(offset: number): { line: Line; column: number } {
    const segs = this.segments;
    while (this.k + 1 < segs.length && segs[this.k + 1].start <= offset) this.k++;
    return { line: segs[this.k].line, column: PREFIX.length + 1 + offset - segs[this.k].start };
  }
}

/** Split joined content into fields; "quoted" and (parenthesised) parts stay inside one field. */
function splitV30(text: string, segments: Segment[]): V30Line {
  const out: V30Line = { fields: [], lines: [], first: segments[0].line };
  const placer = new Placer(segments);
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const begin = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
      const close = text[i] === '"' ? '"' : text[i] === '(' ? ')' : '';
      if (close !== '') {
        const end = text.indexOf(close, i + 1);
        if (end === -1) {
          const at = placer.place(i);
          fail(at.line, at.column, `a closing ${close}`, 'the end of the line');
        }
        i = end;
      }
      i++;
    }
    const at = placer.place(begin);
    out.fields.push({ text: text.slice(begin, i), column: at.column });
    out.lines.push(at.line);
  }
  return out;
}

class V30Reader {
  constructor(private readonly reader: LineReader) {}

  /** The next logical line: a trailing '-' joins the next line's content to it. */
  next(expected: string): V30Line {
    let text = '';
    const segments: Segment[] = [];
    for (;;) {
      const line = this.reader.next();
      if (line === null)
        throw truncatedError(
          this.reader,
          expected,
          "Every V3000 connection table ends with 'M  V30 END CTAB' and 'M  END'.",
        );
      if (!line.text.startsWith(PREFIX))
        fail(line, 1, `a line starting with "M  V30 " (${expected})`, quoteFound(line.text));
      const content = line.text.slice(PREFIX.length).trimEnd();
      segments.push({ start: text.length, line });
      if (!content.endsWith('-')) return splitV30(text + content, segments);
      text += content.slice(0, -1);
    }
  }
}

const words = (l: V30Line, n: number) =>
  l.fields
    .slice(0, n)
    .map((f) => f.text.toUpperCase())
    .join(' ');

function expectWords(l: V30Line, text: string): void {
  if (words(l, text.split(' ').length) !== text || l.fields.length === 0) {
    const f = l.fields[0];
    fail(
      l.lines[0] ?? l.first,
      f?.column ?? 8,
      `'${text}'`,
      quoteFound(l.fields.map((x) => x.text).join(' ')),
    );
  }
}

function intField(l: V30Line, k: number, what: string, range: [number, number], hint = HINT): number {
  const f = l.fields[k];
  if (f === undefined) fail(l.first, l.first.text.length + 1, what, 'the end of the line', hint);
  return readInteger(l.lines[k], f, what, range, hint);
}

function readAtomLine(l: V30Line, ids: Map<number, number>, table: ConnectionTable): void {
  if (l.fields.length < 5)
    fail(l.first, l.first.text.length + 1, 'index, element, x, y and z', `${l.fields.length} fields`);
  const id = intField(l, 0, 'the atom index', [1, Number.MAX_SAFE_INTEGER]);
  if (ids.has(id)) fail(l.lines[0], l.fields[0].column, 'a new atom index', `a second atom ${id}`);
  ids.set(id, table.elements.length);
  table.elements.push(readElement(l.lines[1], l.fields[1], false));
  const hint = 'Write coordinates as plain decimals; NaN and Inf are refused.';
  for (let k = 2; k < 5; k++)
    table.positions.push(readNumber(l.lines[k], l.fields[k], `the ${'xyz'[k - 2]} coordinate`, hint));
  let charge = 0;
  for (let k = 5; k < l.fields.length; k++) {
    const f = l.fields[k];
    if (f.text.toUpperCase().startsWith('CHG=')) {
      charge = readInteger(
        l.lines[k],
        { text: f.text.slice(4), column: f.column + 4 },
        'the charge',
        [-15, 15],
        HINT,
      );
    }
  }
  table.charges.push(charge);
}

function readBondLine(l: V30Line, ids: Map<number, number>, table: ConnectionTable): void {
  if (l.fields.length < 4)
    fail(l.first, l.first.text.length + 1, 'index, type, atom1 and atom2', `${l.fields.length} fields`);
  intField(l, 0, 'the bond index', [1, Number.MAX_SAFE_INTEGER]);
  const type = intField(l, 1, 'the bond type', [1, 10], BOND_TYPE_HINT);
  const order = bondOrderFromType(type);
  if (order === undefined)
    fail(l.lines[1], l.fields[1].column, 'bond type 1, 2, 3 or 4', `bond type ${type}`, BOND_TYPE_HINT);
  const ends = [2, 3].map((k) => {
    const id = intField(l, k, 'an atom index', [1, Number.MAX_SAFE_INTEGER]);
    const index = ids.get(id);
    if (index === undefined)
      fail(l.lines[k], l.fields[k].column, 'the index of an atom in the ATOM block', `${id}`);
    return index;
  });
  if (ends[0] === ends[1])
    fail(l.lines[3], l.fields[3].column, 'a bond between two different atoms', 'the same atom twice');
  table.bonds.push([ends[0], ends[1], order]);
}

/** Read a block's lines up to `END <name>`, exactly `count` of them. */
function readBlock(v30: V30Reader, name: string, count: number, each: (l: V30Line) => void): void {
  for (let k = 0; ; k++) {
    const l = v30.next(`'END ${name}'`);
    if (words(l, 2) === `END ${name}`) {
      if (k !== count)
        fail(
          l.first,
          8,
          `${count} ${name.toLowerCase()} lines (from COUNTS)`,
          `${k}`,
          'Make the COUNTS line agree with the ATOM and BOND blocks.',
        );
      return;
    }
    if (k >= count)
      fail(
        l.first,
        8,
        `'END ${name}' after ${count} lines (from COUNTS)`,
        'another line',
        'Make the COUNTS line agree with the ATOM and BOND blocks.',
      );
    each(l);
  }
}

/** Skip a block we do not read (SGROUP, COLLECTION, …), including nested blocks. */
function skipBlock(v30: V30Reader, name: string): void {
  for (let depth = 1; depth > 0; ) {
    const l = v30.next(`'END ${name}'`);
    const head = words(l, 1);
    if (head === 'BEGIN') depth++;
    else if (head === 'END') depth--;
  }
}

export function readV3000(reader: LineReader, limits: ParseLimits): ConnectionTable {
  const v30 = new V30Reader(reader);
  expectWords(v30.next("'BEGIN CTAB'"), 'BEGIN CTAB');
  const counts = v30.next("'COUNTS na nb …'");
  expectWords(counts, 'COUNTS');
  const nAtoms = intField(counts, 1, 'the atom count', [0, Number.MAX_SAFE_INTEGER]);
  if (nAtoms > limits.maxAtoms) {
    fail(
      counts.lines[1],
      counts.fields[1].column,
      `at most ${limits.maxAtoms} atoms (the atom limit)`,
      `${nAtoms}`,
      'Check the COUNTS line, or raise limits.maxAtoms.',
    );
  }
  const nBonds = intField(counts, 2, 'the bond count', [0, Number.MAX_SAFE_INTEGER]);
  const table: ConnectionTable = { positions: [], elements: [], charges: [], bonds: [] };
  const ids = new Map<number, number>();
  let sawAtoms = false;
  let sawBonds = false;
  for (;;) {
    const l = v30.next("'END CTAB'");
    const head = words(l, 2);
    if (head === 'END CTAB') {
      const missing = nAtoms > 0 && !sawAtoms ? 'ATOM' : nBonds > 0 && !sawBonds ? 'BOND' : '';
      if (missing)
        fail(
          l.first,
          8,
          `the ${missing} block promised by COUNTS`,
          "'END CTAB'",
          'Make the COUNTS line agree with the blocks.',
        );
      break;
    }
    if (head === 'BEGIN ATOM') {
      readBlock(v30, 'ATOM', nAtoms, (line) => readAtomLine(line, ids, table));
      sawAtoms = true;
    } else if (head === 'BEGIN BOND') {
      readBlock(v30, 'BOND', nBonds, (line) => readBondLine(line, ids, table));
      sawBonds = true;
    } else if (words(l, 1) === 'BEGIN') {
      skipBlock(v30, l.fields[1]?.text ?? '');
    }
    // Other single lines (e.g. LINKNODE) carry nothing we keep.
  }
  const end = reader.next();
  if (end === null) throw truncatedError(reader, "'M  END'", 'A Molfile ends with the line M  END.');
  if (!end.text.startsWith('M  END')) fail(end, 1, "'M  END'", quoteFound(end.text));
  return table;
}
