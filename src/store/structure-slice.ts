import type { StateCreator } from 'zustand';
import { DEFAULT_PARSE_LIMITS } from '../data/formats/types';
import type { StructureData, StructureLoadError } from '../engine/types';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import type { StoreState } from './store';

/** Largest file the page reads; checked against File.size before a single byte is read. */
export const MAX_STRUCTURE_BYTES = DEFAULT_PARSE_LIMITS.maxBytes;

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

export interface StructureState {
  /** The structure on display; kept when a later load fails. */
  loaded: StructureData | null;
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
  loadStructureData(name: string, data: Uint8Array | string): Promise<void>;
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

    const parse = async (mine: number, name: string, data: Uint8Array | string) => {
      try {
        const result = await port.engine.parseStructure(name, data);
        if (mine !== ticket) return;
        if (result.ok) patch({ loaded: result.structure, frame: 0, loading: null, error: null });
        else patch({ loading: null, error: { ...result.error, source: name } });
      } catch (error) {
        if (mine === ticket) patch({ loading: null, error: plainFailure(name, describeError(error)) });
      }
    };

    return {
      structure: { loaded: null, frame: 0, loading: null, error: null },

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

      async loadStructureData(name, data) {
        const mine = ++ticket;
        if (data.length > MAX_STRUCTURE_BYTES) {
          patch({ loading: null, error: tooLarge(name, data.length) });
          return;
        }
        patch({ loading: name });
        await parse(mine, name, data);
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
