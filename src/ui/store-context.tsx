import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { GauntletStore, StoreState } from '../store/store';

const StoreContext = createContext<GauntletStore | null>(null);

export function StoreProvider({ store, children }: { store: GauntletStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/**
 * Reads a slice of the app store. Select primitives, actions or whole slice objects (they keep
 * their identity until changed); a selector that builds a new object re-renders forever.
 */
export function useGauntlet<T>(selector: (state: StoreState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useGauntlet must be used inside <StoreProvider>');
  return useStore(store, selector);
}

/** The store itself, for effects that subscribe outside React rendering (e.g. the URL hash sync). */
export function useGauntletStore(): GauntletStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useGauntletStore must be used inside <StoreProvider>');
  return store;
}
