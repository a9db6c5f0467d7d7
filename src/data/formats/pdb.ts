/**
 * PDB reader: ATOM/HETATM records in fixed columns (x 31-38, y 39-46, z 47-54, element 77-78),
 * MODEL/ENDMDL models as frames, CONECT bonds, END. Everything else (HEADER, REMARK, CRYST1, TER,
 * ANISOU, …) is skipped. Alternate locations: blank and the first letter seen are kept.
 *
 * Per-atom PDB fields go to `properties`: atomName, residueName, chainId, recordName (strings),
 * residueNumber, occupancy, bFactor (numbers). Models with the same atom serials share one
 * `bonds` array (treat it as read-only).
 */
import { fixedField, readInteger } from './fields';
import { describeBadNumber, parseFiniteNumber, parseStrictInteger } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { ConectTable } from './pdb-conect';
import { readPdbElement } from './pdb-element';
import { decodeText, type Input, type Line, LineReader } from './text-input';
import type { Frame, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';

const COORD_HINT = 'PDB coordinates are fixed-width: x in columns 31-38, y in 39-46, z in 47-54 (%8.3f).';

/** Atoms of one model while it is read. */
export interface ModelBuilder {
  positions: number[];
  elements: string[];
  atomName: string[];
  residueName: string[];
  chainId: string[];
  recordName: string[];
  residueNumber: number[];
  occupancy: number[];
  bFactor: number[];
  /** Atom serial → atom index, for CONECT. */
  serials: Map<number, number>;
  /** Line of the MODEL record, or 0 for a file without MODEL records. */
  line: number;
}

function newModel(line: number): ModelBuilder {
  return {
    positions: [],
    elements: [],
    atomName: [],
    residueName: [],
    chainId: [],
    recordName: [],
    residueNumber: [],
    occupancy: [],
    bFactor: [],
    serials: new Map(),
    line,
  };
}

function coordinate(line: Line, first: number, axis: string): number {
  const field = fixedField(line, first, first + 7);
  const value = parseFiniteNumber(field.text);
  if (value !== undefined) return value;
  throw new ParseError({
    line: line.number,
    column: first,
    expected: `a number in columns ${first}-${first + 7} (${axis} coordinate)`,
    found:
      field.text.length === 0
        ? 'blank columns'
        : `${quoteFound(field.text)} (${describeBadNumber(field.text)})`,
    hint: COORD_HINT,
  });
}

/** Occupancy and B-factor are optional: blank or missing columns give the defaults. */
function optionalNumber(line: Line, first: number, last: number, what: string, fallback: number): number {
  const field = fixedField(line, first, last);
  if (field.text.length === 0) return fallback;
  const value = parseFiniteNumber(field.text);
  if (value !== undefined) return value;
  throw new ParseError({
    line: line.number,
    column: first,
    expected: `a number or blanks in columns ${first}-${last} (${what})`,
    found: quoteFound(field.text),
    hint: 'Write occupancy as %6.2f in columns 55-60 and the B-factor in 61-66, or leave them blank.',
  });
}

function readAtom(line: Line, model: ModelBuilder, record: string): void {
  if (line.text.length < 54) {
    throw new ParseError({
      line: line.number,
      column: line.text.length + 1,
      expected: 'x, y and z in columns 31-54',
      found: 'the end of the line',
      hint: COORD_HINT,
    });
  }
  const x = coordinate(line, 31, 'x');
  const y = coordinate(line, 39, 'y');
  const z = coordinate(line, 47, 'z');
  const resSeq = fixedField(line, 23, 26);
  const residueNumber =
    resSeq.text.length === 0
      ? 0
      : readInteger(
          line,
          resSeq,
          'the residue number (columns 23-26)',
          [-999, 9999],
          'Write the residue number right-justified in columns 23-26.',
        );
  const serial = parseStrictInteger(fixedField(line, 7, 11).text);
  // Serials are only needed by CONECT; unreadable ones (hybrid-36, '*****') just cannot be bonded.
  if (serial !== undefined && !model.serials.has(serial)) model.serials.set(serial, model.elements.length);
  model.positions.push(x, y, z);
  model.elements.push(readPdbElement(line, record === 'HETATM'));
  model.atomName.push(fixedField(line, 13, 16).text);
  model.residueName.push(fixedField(line, 18, 20).text);
  model.chainId.push(fixedField(line, 22, 22).text);
  model.recordName.push(record);
  model.residueNumber.push(residueNumber);
  model.occupancy.push(optionalNumber(line, 55, 60, 'occupancy', 1));
  model.bFactor.push(optionalNumber(line, 61, 66, 'B-factor', 0));
}

function toFrame(m: ModelBuilder, conect: ConectTable, skipped: Set<number>): Frame {
  const frame: Frame = {
    positions: Float64Array.from(m.positions),
    elements: m.elements,
    properties: {
      atomName: m.atomName,
      residueName: m.residueName,
      chainId: m.chainId,
      recordName: m.recordName,
      residueNumber: Float64Array.from(m.residueNumber),
      occupancy: Float64Array.from(m.occupancy),
      bFactor: Float64Array.from(m.bFactor),
    },
  };
  const bonds = conect.bondsFor(m.serials, skipped);
  if (bonds.length > 0) frame.bonds = bonds;
  return frame;
}

function recordName(text: string): string {
  let end = 0;
  while (end < 6 && end < text.length && /[A-Za-z]/.test(text[end])) end++;
  return text.slice(0, end).toUpperCase();
}

function fail(line: Line, expected: string, found: string, hint: string): never {
  throw new ParseError({ line: line.number, column: 1, expected, found, hint });
}

export function parsePdb(data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  const reader = new LineReader(decodeText(data, lim, 'a PDB file'));
  const models: ModelBuilder[] = [];
  const conect = new ConectTable();
  /** Serials of alternate-location atoms that were dropped; CONECT may name them. */
  const skipped = new Set<number>();
  let keptAltLoc = '';
  let current: ModelBuilder | null = null;
  let usesModels = false;
  let endRecord: Line | null = null;
  for (let line = reader.next(); line !== null; line = reader.next()) {
    // The record name is columns 1-6; its leading letters also catch misaligned 'ATOM 1 …' lines.
    const record = recordName(line.text);
    if (record === 'ATOM' || record === 'HETATM') {
      if (usesModels && current === null)
        fail(
          line,
          'a MODEL record before this atom (the file uses MODEL/ENDMDL)',
          `${record} outside a model`,
          'Wrap every model in MODEL … ENDMDL.',
        );
      if (current === null) models.push((current = newModel(0)));
      const altLoc = line.text[16] ?? ' ';
      if (altLoc !== ' ' && keptAltLoc === '') keptAltLoc = altLoc;
      if (altLoc !== ' ' && altLoc !== keptAltLoc) {
        const serial = parseStrictInteger(fixedField(line, 7, 11).text);
        if (serial !== undefined) skipped.add(serial);
        continue;
      }
      if (current.elements.length >= lim.maxAtoms)
        fail(
          line,
          `at most ${lim.maxAtoms} atoms per model (the atom limit)`,
          'another atom',
          'Raise limits.maxAtoms for larger structures.',
        );
      readAtom(line, current, record);
    } else if (record === 'MODEL') {
      if (current !== null)
        fail(
          line,
          usesModels ? 'ENDMDL before the next MODEL' : 'MODEL before the first atom',
          'MODEL',
          'Put every atom inside MODEL … ENDMDL, and close each model with ENDMDL.',
        );
      if (models.length >= lim.maxFrames)
        fail(
          line,
          `at most ${lim.maxFrames} models (the frame limit)`,
          'another MODEL',
          'Raise limits.maxFrames.',
        );
      usesModels = true;
      models.push((current = newModel(line.number)));
    } else if (record === 'ENDMDL') {
      if (!usesModels || current === null)
        fail(line, 'a MODEL record before ENDMDL', 'ENDMDL', 'Open each model with MODEL.');
      current = null;
    } else if (record === 'CONECT') {
      conect.add(line);
    } else if (record === 'END') {
      endRecord = line;
      break;
    }
  }
  if (usesModels && current !== null) {
    const where = endRecord ?? { text: '', number: reader.endLine };
    fail(
      where,
      `ENDMDL closing the model opened on line ${current.line}`,
      endRecord ? "'END'" : 'the end of the file',
      'Close each model with ENDMDL.',
    );
  }
  if (models.every((m) => m.elements.length === 0)) {
    fail(
      { text: '', number: 1 },
      'at least one ATOM or HETATM record',
      'none',
      'Check that this is a coordinate file and not, e.g., a sequence or header-only file.',
    );
  }
  return { format: 'pdb', kind: 'molecule', frames: models.map((m) => toFrame(m, conect, skipped)) };
}
