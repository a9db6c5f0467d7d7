import { parseStructureFile } from '../data/formats/detect';
import { ParseError } from '../data/formats/parse-error';
import type { FormatId, ParseLimits, StructureKind } from '../data/formats/types';
import { inferBonds } from './bond-perception';

/** One frame as the viewer needs it: plain arrays that cross the worker boundary. */
export interface StructureFrameData {
  /** x, y, z of atom (or point) i at 3i … 3i + 2. */
  positions: Float64Array;
  /** Element symbols (molecules); empty for point clouds. */
  elements: string[];
  /** Bonds as packed index pairs (i, j): from the file, or inferred from covalent radii. */
  bonds: Uint32Array;
  bondsInferred: boolean;
  comment?: string;
  /** Per-atom forces from the file (extended XYZ `forces`), packed like `positions`. */
  forces?: Float64Array;
  /** Numeric per-atom columns from the file (extended XYZ `Properties=`), k values per atom, atom-major. */
  properties?: Record<string, Float64Array>;
}

export interface StructureData {
  name: string;
  /** The parser that read it, or 'smiles' for a conformer built from a SMILES string. */
  format: FormatId | 'smiles';
  kind: StructureKind;
  frames: StructureFrameData[];
  /** Hill formula of the first frame ("C6H6"); '' for point clouds. */
  formula: string;
  /** Milliseconds the parse (or conformer build) took where it ran (the worker, in the app). */
  parseMs?: number;
}

/** Why a file could not be read, in parts the UI can lay out (line/column null when not about a spot). */
export interface StructureLoadError {
  message: string;
  line: number | null;
  column: number | null;
  expected: string | null;
  found: string | null;
  hint: string | null;
}

/** An answer, not a throw: a thrown error would lose its fields on the way out of the worker. */
export type StructureParseResult =
  | { ok: true; structure: StructureData }
  | { ok: false; error: StructureLoadError };

/** Hill order: C, then H, then the rest alphabetically; counts of 1 are left out. */
export function hillFormula(elements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const e of elements) counts.set(e, (counts.get(e) ?? 0) + 1);
  const symbols = [...counts.keys()].sort();
  const order = counts.has('C')
    ? ['C', ...(counts.has('H') ? ['H'] : []), ...symbols.filter((s) => s !== 'C' && s !== 'H')]
    : symbols;
  return order.map((s) => `${s}${counts.get(s) === 1 ? '' : counts.get(s)}`).join('');
}

export function loadError(error: unknown): StructureLoadError {
  if (error instanceof ParseError) {
    return {
      message: error.message,
      line: error.line,
      column: error.column,
      expected: error.expected,
      found: error.found,
      hint: error.hint,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, line: null, column: null, expected: null, found: null, hint: null };
}

/** The numeric per-atom columns of a frame (string columns such as species are left out). */
function numericProperties(properties: Record<string, Float64Array | string[]> | undefined): {
  properties?: Record<string, Float64Array>;
} {
  if (!properties) return {};
  const numeric = Object.entries(properties).filter(
    (e): e is [string, Float64Array] => e[1] instanceof Float64Array,
  );
  return numeric.length > 0 ? { properties: Object.fromEntries(numeric) } : {};
}

/** Parses an uploaded or pasted file and prepares it for the viewer (bonds inferred where the file has none). */
export function parseStructureOf(
  name: string,
  data: Uint8Array | string,
  limits?: Partial<ParseLimits>,
): StructureParseResult {
  const started = performance.now();
  try {
    const file = parseStructureFile(name, data, limits);
    const frames = file.frames.map((frame): StructureFrameData => {
      const molecule = file.kind === 'molecule';
      const fileBonds = frame.bonds ?? [];
      let bonds: Uint32Array;
      let bondsInferred = false;
      if (!molecule) bonds = new Uint32Array(0);
      else if (fileBonds.length > 0) {
        bonds = new Uint32Array(2 * fileBonds.length);
        fileBonds.forEach(([i, j], k) => {
          bonds.set([i, j], 2 * k);
        });
      } else {
        bonds = inferBonds(frame.positions, frame.elements);
        bondsInferred = true;
      }
      return {
        positions: frame.positions,
        elements: molecule ? frame.elements : [],
        bonds,
        bondsInferred,
        ...(frame.comment ? { comment: frame.comment } : {}),
        ...(frame.forces ? { forces: frame.forces } : {}),
        ...numericProperties(frame.properties),
      };
    });
    const formula = file.kind === 'molecule' && frames.length > 0 ? hillFormula(frames[0].elements) : '';
    const parseMs = performance.now() - started;
    return { ok: true, structure: { name, format: file.format, kind: file.kind, frames, formula, parseMs } };
  } catch (error) {
    return { ok: false, error: loadError(error) };
  }
}
