/**
 * MDL Molfile / SD file reader. An SD file is a sequence of records, each a Molfile (three header
 * lines, a counts line, a V2000 or V3000 connection table ending in `M  END`) followed by data
 * items (`> <name>` then value lines up to a blank line) and `$$$$`.
 */
import { fixedField, readInteger } from './fields';
import { frameFromTable } from './molfile-ctab';
import { ParseError, quoteFound } from './parse-error';
import { setOwn } from './records';
import { readV2000 } from './sdf-v2000';
import { readV3000 } from './sdf-v3000';
import { decodeText, type Input, type Line, LineReader, truncatedError } from './text-input';
import type { Frame, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';

const COUNTS_HINT =
  'The fourth line of a Molfile is the counts line: atoms in columns 1-3, bonds in 4-6, and V2000 or V3000 in columns 35-39.';
const DATA_HINT = "After 'M  END' come data items ('> <name>', value lines, a blank line) and then '$$$$'.";

function isRecordEnd(line: Line): boolean {
  return line.text.trimEnd() === '$$$$';
}

/** Parse the counts line and read the connection table that follows. */
function readTable(reader: LineReader, counts: Line, limits: ParseLimits): Frame {
  const version = fixedField(counts, 35, 39).text.toUpperCase();
  if (version === 'V3000') return frameFromTable(readV3000(reader, limits));
  if (version !== 'V2000' && version !== '') {
    throw new ParseError({
      line: counts.number,
      column: 35,
      expected: "'V2000' or 'V3000' in columns 35-39",
      found: quoteFound(version),
      hint: COUNTS_HINT,
    });
  }
  const atomsField = fixedField(counts, 1, 3);
  const bondsField = fixedField(counts, 4, 6);
  if (atomsField.text.length === 0) {
    throw new ParseError({
      line: counts.number,
      column: 1,
      expected: 'the atom count in columns 1-3',
      found: quoteFound(counts.text),
      hint: COUNTS_HINT,
    });
  }
  const nAtoms = readInteger(counts, atomsField, 'the atom count (columns 1-3)', [0, 999], COUNTS_HINT);
  const nBonds =
    bondsField.text.length === 0
      ? 0
      : readInteger(counts, bondsField, 'the bond count (columns 4-6)', [0, 999], COUNTS_HINT);
  if (nAtoms > limits.maxAtoms) {
    throw new ParseError({
      line: counts.number,
      column: 1,
      expected: `at most ${limits.maxAtoms} atoms (the atom limit)`,
      found: `${nAtoms}`,
      hint: 'Raise limits.maxAtoms.',
    });
  }
  return frameFromTable(readV2000(reader, nAtoms, nBonds, counts.number));
}

/** The name inside `> <name>` (anything else on the header line, such as a registry number, is ignored). */
function dataItemName(line: Line): string {
  const open = line.text.indexOf('<');
  const close = open === -1 ? -1 : line.text.indexOf('>', open + 1);
  if (open === -1 || close === -1) {
    throw new ParseError({
      line: line.number,
      column: open === -1 ? 2 : open + 1,
      expected: 'a field name in angle brackets, as in > <name>',
      found: quoteFound(line.text),
      hint: DATA_HINT,
    });
  }
  return line.text.slice(open + 1, close);
}

/** Read data items up to `$$$$` (or the end of the file) into `info`. */
function readDataItems(reader: LineReader, frame: Frame): void {
  for (let line = reader.next(); line !== null && !isRecordEnd(line); line = reader.next()) {
    if (line.text.trim().length === 0) continue;
    if (!line.text.startsWith('>')) {
      throw new ParseError({
        line: line.number,
        column: 1,
        expected: "a data item header '> <name>' or '$$$$'",
        found: quoteFound(line.text),
        hint: DATA_HINT,
      });
    }
    const name = dataItemName(line);
    const values: string[] = [];
    for (let v = reader.next(); v !== null && v.text.length > 0; v = reader.next()) {
      if (isRecordEnd(v)) {
        // A record end without the blank line: accept it and stop, as most readers do.
        frame.info ??= {};
        setOwn(frame.info, name, values.join('\n'));
        return;
      }
      values.push(v.text);
    }
    frame.info ??= {};
    setOwn(frame.info, name, values.join('\n'));
  }
}

function readRecord(reader: LineReader, first: Line, limits: ParseLimits): Frame {
  const header = [first];
  for (let k = 1; k < 4; k++) {
    const line = reader.next();
    if (line === null) {
      throw truncatedError(
        reader,
        k < 3 ? `header line ${k + 1} of the Molfile starting at line ${first.number}` : 'the counts line',
        COUNTS_HINT,
      );
    }
    header.push(line);
  }
  const frame = readTable(reader, header[3], limits);
  if (first.text.trim().length > 0) frame.comment = first.text;
  readDataItems(reader, frame);
  return frame;
}

export function parseSdf(data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  const reader = new LineReader(decodeText(data, lim, 'an SDF/Molfile'));
  const frames: Frame[] = [];
  for (let line = reader.next(); line !== null; line = reader.next()) {
    // Blank lines after the last '$$$$' end the file; a blank first line is a record's empty title.
    if (line.text.trim().length === 0 && reader.restIsBlank()) break;
    if (frames.length >= lim.maxFrames) {
      throw new ParseError({
        line: line.number,
        column: 1,
        expected: `at most ${lim.maxFrames} records (the frame limit)`,
        found: 'another record',
        hint: 'Split the file, or raise limits.maxFrames.',
      });
    }
    frames.push(readRecord(reader, line, lim));
  }
  return { format: 'sdf', kind: 'molecule', frames };
}
