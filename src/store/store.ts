import { createStore, type StoreApi } from 'zustand/vanilla';
import { type AdapterSlice, createAdapterSlice } from './adapter-slice';
import { type BenchSlice, createBenchSlice } from './bench-slice';
import { browserStorage, type KeyValueStorage } from './bench-storage';
import { browserRunStore, type SavedRunStore } from './checkpoint-store';
import type { EnginePort } from './engine-port';
import { createExpressivitySlice, type ExpressivitySlice } from './expressivity-slice';
import { createGraphSlice, type GraphSlice } from './graph-slice';
import { createProbeSlice, type ProbeSlice } from './probe-slice';
import { createShSlice, type ShSlice } from './sh-slice';
import { createStructureSlice, type StructureSlice } from './structure-slice';
import { createTrainSlice, type TrainSlice } from './train-slice';

/** The one app store: each page or concern adds a slice here. */
export type StoreState = AdapterSlice &
  ShSlice &
  ExpressivitySlice &
  BenchSlice &
  StructureSlice &
  GraphSlice &
  ProbeSlice &
  TrainSlice;
export type GauntletStore = StoreApi<StoreState>;

export interface StoreOptions {
  /** Where results that should survive a reload live; the page's localStorage unless given. */
  storage?: KeyValueStorage | null;
  /** Where saved training runs live; the page's IndexedDB unless given. */
  runs?: SavedRunStore | null;
}

/** Built around an engine connection so that tests can pass a fake and the app the worker client. */
export function createGauntletStore(port: EnginePort, options: StoreOptions = {}): GauntletStore {
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const runs = options.runs === undefined ? browserRunStore() : options.runs;
  return createStore<StoreState>()((...a) => ({
    ...createAdapterSlice(port)(...a),
    ...createShSlice(port)(...a),
    ...createExpressivitySlice(port)(...a),
    ...createBenchSlice(port, storage)(...a),
    ...createStructureSlice(port)(...a),
    ...createGraphSlice(port)(...a),
    ...createProbeSlice(port)(...a),
    ...createTrainSlice(port, runs)(...a),
  }));
}
