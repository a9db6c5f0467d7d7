/**
 * Choosing a parser: by file extension first, by content where the extension is ambiguous (.xyz
 * holds molecules or bare point clouds, .txt anything) or unknown. `parseStructureFile` is the
 * entry point for uploads: every failure, even an unexpected one, reaches the caller as a
 * ParseError.
 */
import { parseCsv } from './csv';
import { parseFiniteNumber } from './numbers';
import { ParseError } from './parse-error';
import { parsePdb } from './pdb';
import { parsePly } from './ply';
import { parsePoints } from './points';
import { getOwn } from './records';
import { parseSdf } from './sdf';
import { checkSize, type Input, rejectBinaryText, rejectKnownBinary } from './text-input';
import type { FormatId, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';
import { parseXyz } from './xyz';

export type Parser = (data: Input, limits?: Partial<ParseLimits>) => StructureFile;

export const PARSERS: Record<FormatId, Parser> = {
  xyz: parseXyz,
  sdf: parseSdf,
  pdb: parsePdb,
  ply: parsePly,
  points: parsePoints,
  csv: parseCsv,
};

/** Extensions that settle the format, or that need a look at the content ('sniff'). */
const BY_EXTENSION: Record<string, FormatId | 'sniff' | 'xyz-or-points'> = {
  xyz: 'xyz-or-points',
  extxyz: 'xyz',
  sdf: 'sdf',
  sd: 'sdf',
  mol: 'sdf',
  pdb: 'pdb',
  ent: 'pdb',
  ply: 'ply',
  csv: 'csv',
  tsv: 'csv',
  txt: 'sniff',
  pts: 'points',
  asc: 'points',
  dat: 'sniff',
};

/** Extensions the file picker can offer (`accept` attribute), with their leading dot. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION).map((e) => `.${e}`);

/** Formats users try that we do not read, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  mol2: 'Tripos MOL2',
  cif: 'CIF/mmCIF',
  mmcif: 'mmCIF',
  gro: 'GROMACS GRO',
  pqr: 'PQR',
  obj: 'Wavefront OBJ',
  stl: 'STL',
  pcd: 'PCL PCD',
  las: 'LAS',
  h5: 'HDF5',
  npz: 'NumPy',
  gz: 'gzip',
  zip: 'ZIP',
};

const SUPPORTED_LIST =
  'XYZ/extended XYZ, SDF/Molfile, PDB, PLY, CSV with an x,y,z header, or plain "x y z" text';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The first few kilobytes as text, bytes taken one to one (enough to recognise any format). */
function head(data: Input): string {
  const n = Math.min(data.length, 4096);
  if (typeof data === 'string') return data.slice(0, n);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(data[i]);
  return s;
}

function contentLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const isInteger = (s: string) => /^\s*\d+\s*$/.test(s);

/** Whether the first data line is a molecular XYZ count (a lone integer) rather than a point. */
function looksLikeXyz(lines: string[]): boolean {
  const first = lines.find((l) => l.trim().length > 0);
  return first !== undefined && isInteger(first);
}

function looksLikePoints(lines: string[]): boolean {
  const first = lines.find((l) => l.trim().length > 0 && !l.trimStart().startsWith('#'));
  if (first === undefined) return lines.some((l) => l.trimStart().startsWith('#'));
  const tokens = first.split(/[\s,]+/).filter((t) => t.length > 0);
  return tokens.length >= 3 && tokens.every((t) => parseFiniteNumber(t) !== undefined);
}

function looksLikeCsv(lines: string[]): boolean {
  const first = lines.find((l) => l.trim().length > 0 && !l.trimStart().startsWith('#'));
  if (first === undefined) return false;
  const names = first.split(/[,;\t]/).map((t) => t.trim().replace(/^"|"$/g, '').toLowerCase());
  return names.length >= 3 && ['x', 'y', 'z'].every((a) => names.includes(a));
}

const PDB_RECORDS = /^(ATOM {2}|HETATM|HEADER|CRYST1|MODEL |REMARK|COMPND|TITLE )/;

function sniff(lines: string[]): FormatId | undefined {
  if (lines[0]?.trim() === 'ply') return 'ply';
  if (lines.some((l) => l.startsWith('@<TRIPOS>'))) return undefined;
  if (lines.slice(0, 50).some((l) => PDB_RECORDS.test(l))) return 'pdb';
  if (/V[23]000/.test(lines[3] ?? '')) return 'sdf';
  if (looksLikeXyz(lines)) return 'xyz';
  if (looksLikeCsv(lines)) return 'csv';
  if (looksLikePoints(lines)) return 'points';
  return undefined;
}

/** The format of a file, from its name and content; a ParseError if it is none we read. */
export function detectFormat(name: string, data: Input): FormatId {
  const ext = extensionOf(name);
  const unsupported = getOwn(UNSUPPORTED, ext);
  if (unsupported !== undefined && ext !== 'gz' && ext !== 'zip') {
    throw new ParseError({
      line: 1,
      column: 1,
      expected: SUPPORTED_LIST,
      found: `a ${unsupported} file (.${ext})`,
      hint: 'Convert it, e.g. with Open Babel or ASE, to XYZ, SDF or PDB (molecules) or PLY (point clouds).',
    });
  }
  rejectKnownBinary(data, SUPPORTED_LIST);
  const byName = getOwn(BY_EXTENSION, ext);
  if (byName !== undefined && byName !== 'sniff' && byName !== 'xyz-or-points') return byName;
  const text = head(data);
  const lines = contentLines(text);
  if (byName === 'xyz-or-points') return looksLikeXyz(lines) || !looksLikePoints(lines) ? 'xyz' : 'points';
  const sniffed = sniff(lines);
  if (sniffed !== undefined) return sniffed;
  rejectBinaryText(text, SUPPORTED_LIST);
  throw new ParseError({
    line: 1,
    column: 1,
    expected: SUPPORTED_LIST,
    found: data.length === 0 ? 'an empty file' : 'content none of them matches',
    hint: 'Give the file its usual extension (.xyz, .sdf, .mol, .pdb, .ply, .csv) or check that it is a structure file.',
  });
}

/**
 * Parse an uploaded file. Always returns a StructureFile or throws a ParseError; an unexpected
 * exception (a bug, or the engine running out of memory) is wrapped in one rather than escaping.
 */
export function parseStructureFile(name: string, data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  try {
    checkSize(data, lim, 'a structure file');
    return PARSERS[detectFormat(name, data)](data, lim);
  } catch (error) {
    if (error instanceof ParseError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ParseError({
      line: 1,
      column: 1,
      expected: 'a file the parser can read',
      found: `an internal error (${reason.slice(0, 200)})`,
      hint: 'This is a bug in Gauntlet; please report it together with the file.',
    });
  }
}
