/**
 * XYZ and extended XYZ (ASE/QUIP convention) reader, multi-frame:
 *
 *   <atom count>
 *   <comment, or key=value pairs: Lattice="…" Properties=species:S:1:pos:R:3:forces:R:3 energy=…>
 *   <one line per atom, columns as declared>
 */
import { readElement } from './element-field';
import { type Field, readInteger, readNumber, splitFields } from './fields';
import { parseStrictInteger } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { setOwn } from './records';
import { decodeText, type Input, type Line, LineReader, truncatedError } from './text-input';
import type { Frame, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';
import { parseXyzHeader, type XyzColumn, type XyzHeader } from './xyz-header';

const COUNT_HINT = 'Each XYZ frame starts with a line holding only the number of atoms.';
const COLUMNS_HINT =
  'Check that every atom line has the columns declared for the frame (species x y z, or Properties=).';
const NUMBER_HINT =
  'Write coordinates and other reals as plain decimals such as -1.25 or 3.5e-2; NaN and Inf are refused.';

/** Values collected for one column group while reading a frame's atom lines. */
interface Accumulator {
  column: XyzColumn;
  /** The column the elements come from: species:S:1, or Z:I:1 when there is no species. */
  isElement: boolean;
  numbers: number[];
  strings: string[];
}

function readAtomCount(line: Line, limits: ParseLimits): number {
  const fields = splitFields(line.text);
  // An atom line where a count should be: the previous frame has more atoms than it declared.
  const hint =
    fields.length >= 4
      ? `This looks like an atom line: ${COUNT_HINT} Check the count of the previous frame.`
      : COUNT_HINT;
  if (fields.length > 1 && parseStrictInteger(fields[0].text) !== undefined) {
    throw new ParseError({
      line: line.number,
      column: fields[1].column,
      expected: 'the number of atoms alone on the line',
      found: `more: ${quoteFound(fields[1].text)}`,
      hint,
    });
  }
  const count = readInteger(line, fields[0], 'the number of atoms', [0, Number.MAX_SAFE_INTEGER], hint);
  if (count > limits.maxAtoms) {
    throw new ParseError({
      line: line.number,
      column: fields[0].column,
      expected: `at most ${limits.maxAtoms} atoms per frame (the atom limit)`,
      found: `${count}`,
      hint: 'Check the atom count, or raise limits.maxAtoms if the file really is that large.',
    });
  }
  return count;
}

/** Plain XYZ may carry extra real columns after x y z; the first atom line fixes how many. */
function plainColumns(header: XyzHeader, first: Field[]): XyzColumn[] {
  const columns = [...header.columns];
  for (let c = 5; c <= first.length; c++) columns.push({ name: `column${c}`, type: 'R', count: 1 });
  return columns;
}

function describeColumns(columns: XyzColumn[]): string {
  const total = columns.reduce((sum, c) => sum + c.count, 0);
  const names = columns.map((c) => (c.count === 1 ? c.name : `${c.name}×${c.count}`)).join(', ');
  return `${total} columns (${names})`;
}

function checkFieldCount(line: Line, fields: Field[], columns: XyzColumn[], minimum: number): void {
  const total = columns.reduce((sum, c) => sum + c.count, 0);
  if (fields.length === total && fields.length >= minimum) return;
  const short = fields.length < total;
  throw new ParseError({
    line: line.number,
    column: short ? line.text.length + 1 : fields[total].column,
    expected: describeColumns(columns),
    found: short ? `only ${fields.length}` : `an extra field ${quoteFound(fields[total].text)}`,
    hint: COLUMNS_HINT,
  });
}

const AXES = ['x', 'y', 'z'];

/** What a real column holds, for messages: "the y coordinate", "the x component of the force". */
function describeValue(name: string, component: number): string {
  if (name === 'pos') return `the ${AXES[component]} coordinate`;
  if (name === 'forces') return `the ${AXES[component]} component of the force`;
  return `column ${name}`;
}

function readField(line: Line, field: Field, acc: Accumulator, component: number): void {
  const { name, type } = acc.column;
  if (acc.isElement) acc.strings.push(readElement(line, field, true));
  else if (type === 'S') acc.strings.push(field.text);
  else if (type === 'R')
    acc.numbers.push(readNumber(line, field, describeValue(name, component), NUMBER_HINT));
  else if (type === 'I')
    acc.numbers.push(readInteger(line, field, `column ${name}`, [-(2 ** 53) + 1, 2 ** 53 - 1], NUMBER_HINT));
  else {
    const t = field.text.toUpperCase();
    if (t !== 'T' && t !== 'F' && t !== 'TRUE' && t !== 'FALSE') {
      throw new ParseError({
        line: line.number,
        column: field.column,
        expected: `T or F for column ${name}`,
        found: quoteFound(field.text),
        hint: COLUMNS_HINT,
      });
    }
    acc.strings.push(t[0]);
  }
}

/** Assemble the frame from the per-column accumulators. */
function buildFrame(header: XyzHeader, accs: Accumulator[]): Frame {
  const species = accs.find((a) => a.isElement);
  const frame: Frame = {
    positions: Float64Array.from(accs.find((a) => a.column.name === 'pos')?.numbers ?? []),
    elements: species?.strings ?? [],
  };
  if (header.lattice) frame.lattice = header.lattice;
  if (header.pbc) frame.pbc = header.pbc;
  if (header.energy !== undefined) frame.energy = header.energy;
  if (header.info) frame.info = header.info;
  if (header.comment !== undefined) frame.comment = header.comment;
  for (const acc of accs) {
    const { name, type } = acc.column;
    if (acc === species || name === 'pos') continue;
    if (name === 'forces') {
      frame.forces = Float64Array.from(acc.numbers);
      continue;
    }
    frame.properties ??= {};
    setOwn(
      frame.properties,
      name,
      type === 'R' || type === 'I' ? Float64Array.from(acc.numbers) : acc.strings,
    );
  }
  return frame;
}

function accumulators(columns: XyzColumn[]): Accumulator[] {
  const hasSpecies = columns.some((c) => c.name === 'species' && c.type === 'S');
  return columns.map((column) => ({
    column,
    isElement: hasSpecies
      ? column.name === 'species' && column.type === 'S'
      : column.name === 'Z' && column.type === 'I',
    numbers: [],
    strings: [],
  }));
}

function readFrame(reader: LineReader, countLine: Line, limits: ParseLimits): Frame {
  const count = readAtomCount(countLine, limits);
  const commentLine = reader.next();
  if (commentLine === null) {
    throw truncatedError(
      reader,
      `the comment line of the frame starting at line ${countLine.number}`,
      COUNT_HINT,
    );
  }
  const header = parseXyzHeader(commentLine);
  let columns = header.columns;
  let accs: Accumulator[] = [];
  for (let i = 0; i < count; i++) {
    const line = reader.next();
    if (line === null) {
      throw truncatedError(
        reader,
        `${count} atom lines for the frame starting at line ${countLine.number}`,
        `The file ends after ${i}. Check that the atom count on line ${countLine.number} matches the atom lines, or whether the file was cut short.`,
      );
    }
    const fields = splitFields(line.text);
    if (i === 0) {
      if (!header.extended) columns = plainColumns(header, fields);
      accs = accumulators(columns);
    }
    checkFieldCount(line, fields, columns, 4);
    let f = 0;
    for (const acc of accs) {
      for (let k = 0; k < acc.column.count; k++) readField(line, fields[f++], acc, k);
    }
  }
  if (count === 0) accs = accumulators(columns);
  return buildFrame(header, accs);
}

export function parseXyz(data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  const reader = new LineReader(decodeText(data, lim, 'an XYZ file'));
  const frames: Frame[] = [];
  // Blank lines between frames (and at the end) are tolerated; everything else is a frame.
  for (let line = reader.nextNonBlank(); line !== null; line = reader.nextNonBlank()) {
    if (frames.length >= lim.maxFrames) {
      throw new ParseError({
        line: line.number,
        column: 1,
        expected: `at most ${lim.maxFrames} frames (the frame limit)`,
        found: 'another frame',
        hint: 'Split the trajectory, or raise limits.maxFrames.',
      });
    }
    frames.push(readFrame(reader, line, lim));
  }
  return { format: 'xyz', kind: 'molecule', frames };
}
