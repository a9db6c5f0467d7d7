import type { StateCreator } from 'zustand';
import { DEFAULT_PARSE_LIMITS } from '../data/formats/types';
import type { StructureData, StructureLoadError, StructureParseResult } from '../engine/types';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import { axisAngleMatrix, multiply3 } from './rotation';
import type { StoreState } from './store';

/** Largest file the page reads; checked against File.size before a single byte is read. */
export const MAX_STRUCTURE_BYTES = DEFAULT_PARSE_LIMITS.maxBytes;
/** Conformer seed when none is given (links carry theirs). */
export const DEFAULT_SMILES_SEED = 1;

/** What the page hands over for an upload: a File, or anything shaped like one. */
export interface StructureFileSource {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface StructureFailure extends StructureLoadError {
  /** The file (or "pasted text") that failed. */
  source: string;
}

/**
 * Where the shown structure came from, so that a link can reproduce it: a bundled sample or a SMILES
 * string (with the conformer seed). Files and pasted text cannot travel in a URL.
 */
export type StructureSource =
  | { kind: 'sample'; file: string }
  | { kind: 'smiles'; smiles: string; seed: number }
  | { kind: 'file'; name: string };

/** The identity, row-major 3×3. */
export const IDENTITY3: readonly number[] = Object.freeze([1, 0, 0, 0, 1, 0, 0, 0, 1]);

export interface StructureState {
  /** The structure on display; kept when a later load fails. */
  loaded: StructureData | null;
  /** Where `loaded` came from (null before the first load). */
  source: StructureSource | null;
  /**
   * Rotation applied to the shown structure about its centre (row-major 3×3): arrow keys and the
   * probe's trackball turn the structure itself, not the camera. Reset by every new structure.
   */
  rotation: readonly number[];
  /** Labels of the per-atom channels on display (see per-atom.ts): atom colours, arrows, glyphs; null = none. */
  display: { scalar: string | null; vector: string | null; signal: string | null };
  /** Index of the frame on display. */
  frame: number;
  /** Name of the file being read or parsed, or null when idle. */
  loading: string | null;
  error: StructureFailure | null;
}

export interface StructureSlice {
  structure: StructureState;
  /** Reads and parses an uploaded file (size-checked before reading). */
  loadStructureFile(file: StructureFileSource): Promise<void>;
  /** Parses text or bytes already in memory (paste box, bundled sample); `name` picks the format. */
  loadStructureData(name: string, data: Uint8Array | string, source?: StructureSource): Promise<void>;
  /** Builds a 3D conformer of `smiles` in the engine; a bad SMILES shows its column, the old structure stays. */
  loadSmiles(smiles: string, seed?: number): Promise<void>;
  /** Turns the shown structure by `angle` radians about the unit `axis` (world frame), after its current rotation. */
  rotateStructure(axis: readonly [number, number, number], angle: number): void;
  /** Sets the structure's rotation outright (row-major 3×3, e.g. from a trackball drag or a link). */
  setStructureRotation(rotation: readonly number[]): void;
  /** Chooses which per-atom channel colours the atoms and which draws arrows (by label; null = none). */
  setStructureDisplay(display: Partial<StructureState['display']>): void;
  setStructureFrame(frame: number): void;
  /** Shows a failure that happened before parsing (e.g. a sample that could not be fetched). */
  reportStructureFailure(source: string, message: string): void;
  dismissStructureError(): void;
}

function plainFailure(source: string, message: string, hint: string | null = null): StructureFailure {
  return { source, message, line: null, column: null, expected: null, found: null, hint };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}

export function tooLarge(name: string, size: number): StructureFailure {
  return plainFailure(
    name,
    `${name} is ${megabytes(size)}; the limit is ${megabytes(MAX_STRUCTURE_BYTES)}.`,
    'Split the file or keep only the frames you need (e.g. with ASE or Open Babel).',
  );
}

export const createStructureSlice =
  (port: EnginePort): StateCreator<StoreState, [], [], StructureSlice> =>
  (set, get) => {
    const patch = (p: Partial<StructureState>) => set((s) => ({ structure: { ...s.structure, ...p } }));
    // The newest load wins when several overlap (a drop while a sample is parsing).
    let ticket = 0;

    const settle = async (
      mine: number,
      label: string,
      source: StructureSource,
      request: () => Promise<StructureParseResult>,
    ) => {
      try {
        const result = await request();
        if (mine !== ticket) return;
        if (result.ok)
          patch({
            loaded: result.structure,
            source,
            rotation: IDENTITY3,
            frame: 0,
            loading: null,
            error: null,
          });
        else patch({ loading: null, error: { ...result.error, source: label } });
      } catch (error) {
        if (mine === ticket) patch({ loading: null, error: plainFailure(label, describeError(error)) });
      }
    };
    const parse = (mine: number, name: string, data: Uint8Array | string, source?: StructureSource) =>
      settle(mine, name, source ?? { kind: 'file', name }, () => port.engine.parseStructure(name, data));

    return {
      structure: {
        loaded: null,
        source: null,
        rotation: IDENTITY3,
        display: { scalar: null, vector: null, signal: null },
        frame: 0,
        loading: null,
        error: null,
      },

      async loadStructureFile(file) {
        const mine = ++ticket;
        if (file.size > MAX_STRUCTURE_BYTES) {
          patch({ loading: null, error: tooLarge(file.name, file.size) });
          return;
        }
        patch({ loading: file.name });
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (error) {
          if (mine === ticket)
            patch({
              loading: null,
              error: plainFailure(file.name, `Could not read ${file.name}: ${describeError(error)}`),
            });
          return;
        }
        if (mine === ticket) await parse(mine, file.name, bytes);
      },

      async loadStructureData(name, data, source) {
        const mine = ++ticket;
        if (data.length > MAX_STRUCTURE_BYTES) {
          patch({ loading: null, error: tooLarge(name, data.length) });
          return;
        }
        patch({ loading: name });
        await parse(mine, name, data, source);
      },

      async loadSmiles(smiles, seed = DEFAULT_SMILES_SEED) {
        const mine = ++ticket;
        const text = smiles.trim();
        const label = `SMILES ${text || '(empty)'}`;
        patch({ loading: label });
        await settle(mine, label, { kind: 'smiles', smiles: text, seed }, () =>
          port.engine.structureFromSmiles(text, seed),
        );
      },

      rotateStructure(axis, angle) {
        const turn = axisAngleMatrix(axis, angle);
        if (turn) patch({ rotation: multiply3(turn, get().structure.rotation) });
      },

      setStructureDisplay(display) {
        patch({ display: { ...get().structure.display, ...display } });
      },

      setStructureRotation(rotation) {
        if (rotation.length === 9 && rotation.every(Number.isFinite)) patch({ rotation: [...rotation] });
      },

      setStructureFrame(frame) {
        const loaded = get().structure.loaded;
        if (!loaded) return;
        const clamped = Math.max(0, Math.min(loaded.frames.length - 1, Math.round(frame)));
        if (Number.isFinite(clamped)) patch({ frame: clamped });
      },

      reportStructureFailure(source, message) {
        ticket++;
        patch({ loading: null, error: plainFailure(source, message) });
      },

      dismissStructureError() {
        patch({ error: null });
      },
    };
  };
