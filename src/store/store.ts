import { createStore, type StoreApi } from 'zustand/vanilla';
import { type AdapterSlice, createAdapterSlice } from './adapter-slice';
import type { EnginePort } from './engine-port';
import { createShSlice, type ShSlice } from './sh-slice';

/** The one app store: each page or concern adds a slice here. */
export type StoreState = AdapterSlice & ShSlice;
export type GauntletStore = StoreApi<StoreState>;

/** Built around an engine connection so that tests can pass a fake and the app the worker client. */
export function createGauntletStore(port: EnginePort): GauntletStore {
  return createStore<StoreState>()((...a) => ({
    ...createAdapterSlice(port)(...a),
    ...createShSlice(port)(...a),
  }));
}
