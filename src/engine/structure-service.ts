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
}

export interface StructureData {
  name: string;
  format: FormatId;
  kind: StructureKind;
  frames: StructureFrameData[];
  /** Hill formula of the first frame ("C6H6"); '' for point clouds. */
  formula: string;
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

function loadError(error: unknown): StructureLoadError {
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

/** Parses an uploaded or pasted file and prepares it for the viewer (bonds inferred where the file has none). */
export function parseStructureOf(
  name: string,
  data: Uint8Array | string,
  limits?: Partial<ParseLimits>,
): StructureParseResult {
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
      };
    });
    const formula = file.kind === 'molecule' && frames.length > 0 ? hillFormula(frames[0].elements) : '';
    return { ok: true, structure: { name, format: file.format, kind: file.kind, frames, formula } };
  } catch (error) {
    return { ok: false, error: loadError(error) };
  }
}
