import type { SessionMetrics, TrainRequest, TrainRunJson } from '../engine/types';

/** Metrics measured at a step (the accuracy / error curves). */
export interface MetricPoint {
  step: number;
  metrics: SessionMetrics;
}

/** What the saved-runs list shows; the checkpoint itself is stored apart and loaded on restore. */
export interface SavedRunSummary {
  id: string;
  /** ISO time of the last save. */
  savedAt: string;
  request: TrainRequest;
  /** The model's short name and parameter count. */
  model: string;
  parameters: number;
  step: number;
  steps: number;
  lastLoss: number | null;
  /** The run's metric history, so a restored run shows its curve again. */
  metrics: MetricPoint[];
  elapsed: number;
}

/** Saved training runs that outlive the page: IndexedDB in the browser, a Map in tests. */
export interface SavedRunStore {
  /** Newest first. */
  list(): Promise<SavedRunSummary[]>;
  /** Adds or replaces the run with `summary.id`. */
  put(summary: SavedRunSummary, run: TrainRunJson): Promise<void>;
  load(id: string): Promise<TrainRunJson | null>;
  remove(id: string): Promise<void>;
}

const newestFirst = (a: SavedRunSummary, b: SavedRunSummary) => b.savedAt.localeCompare(a.savedAt);

export function memoryRunStore(): SavedRunStore & { runs: Map<string, TrainRunJson> } {
  const summaries = new Map<string, SavedRunSummary>();
  const runs = new Map<string, TrainRunJson>();
  // Structured clones, as IndexedDB stores them: later edits of the caller's objects do not leak in.
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    runs,
    list: async () => [...summaries.values()].map(clone).sort(newestFirst),
    put: async (summary, run) => {
      summaries.set(summary.id, clone(summary));
      runs.set(summary.id, clone(run));
    },
    load: async (id) => (runs.has(id) ? clone(runs.get(id) as TrainRunJson) : null),
    remove: async (id) => {
      summaries.delete(id);
      runs.delete(id);
    },
  };
}

const DB_NAME = 'gauntlet-train';
const SUMMARIES = 'runs';
const CHECKPOINTS = 'checkpoints';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Summaries and checkpoints in two object stores, so listing never reads the weights. */
export function indexedDbRunStore(factory: IDBFactory, name = DB_NAME): SavedRunStore {
  let opening: Promise<IDBDatabase> | null = null;
  const db = () => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore(SUMMARIES, { keyPath: 'id' });
        open.result.createObjectStore(CHECKPOINTS);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
      open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    opening.catch(() => {
      opening = null;
    });
    return opening;
  };
  return {
    async list() {
      const tx = (await db()).transaction(SUMMARIES, 'readonly');
      const all = (await request(tx.objectStore(SUMMARIES).getAll())) as SavedRunSummary[];
      return all.sort(newestFirst);
    },
    async put(summary, run) {
      const tx = (await db()).transaction([SUMMARIES, CHECKPOINTS], 'readwrite');
      tx.objectStore(SUMMARIES).put(summary);
      tx.objectStore(CHECKPOINTS).put(run, summary.id);
      await done(tx);
    },
    async load(id) {
      const tx = (await db()).transaction(CHECKPOINTS, 'readonly');
      return ((await request(tx.objectStore(CHECKPOINTS).get(id))) as TrainRunJson | undefined) ?? null;
    },
    async remove(id) {
      const tx = (await db()).transaction([SUMMARIES, CHECKPOINTS], 'readwrite');
      tx.objectStore(SUMMARIES).delete(id);
      tx.objectStore(CHECKPOINTS).delete(id);
      await done(tx);
    },
  };
}

/** The page's IndexedDB, or null where there is none (Node, some private modes). */
export function browserRunStore(): SavedRunStore | null {
  try {
    return typeof indexedDB === 'undefined' ? null : indexedDbRunStore(indexedDB);
  } catch {
    return null;
  }
}
