import { useEffect } from 'react';
import type { GauntletStore } from '../store/store';
import { formatHash, parseHash, readWorkbenchLink, sameSource, writeWorkbenchLink } from './hash-state';
import { fetchSample, fetchSampleIndex } from './samples';
import { useGauntletStore } from './store-context';
import { useHash } from './use-hash-route';

/** Hash writes wait for the state to settle (a trackball drag changes it 60 times a second). */
const WRITE_DELAY_MS = 250;

/**
 * Keeps the page's view state and the URL hash in step: a link (or a hash edited by hand) loads
 * its structure, rotation and probe settings; later changes are written back with replaceState,
 * so the address bar always holds a link that reproduces the view without filling the history.
 */
export function useWorkbenchLink(page: string): void {
  const store = useGauntletStore();
  const hash = useHash();

  // Hash → store.
  useEffect(() => {
    const route = parseHash(hash);
    if (route.page !== page) return;
    // A plain page link (the nav) keeps the state in hand, and shows it in the address bar.
    if (route.params.toString() === '') {
      writeHash(store, page);
      return;
    }
    const link = readWorkbenchLink(route.params);
    const state = store.getState();
    state.setProbeSettings(link.probe);
    const rotation = link.rotation;
    const applyRotation = () => {
      if (rotation) store.getState().setStructureRotation(rotation);
    };
    const source = link.source;
    if (!source || sameSource(source, state.structure.source)) {
      applyRotation();
      return;
    }
    let live = true;
    const load = async () => {
      if (source.kind === 'smiles') await state.loadSmiles(source.smiles, source.seed);
      else {
        try {
          const sample = (await fetchSampleIndex()).find((s) => s.fileName === source.file);
          if (!sample) throw new Error(`the link names the sample ${source.file}, which is not bundled`);
          await state.loadStructureData(sample.fileName, await fetchSample(sample), source);
        } catch (error) {
          state.reportStructureFailure(source.file, error instanceof Error ? error.message : String(error));
        }
      }
      if (live && sameSource(store.getState().structure.source, source)) applyRotation();
    };
    void load();
    return () => {
      live = false;
    };
  }, [hash, page, store]);

  // Store → hash.
  useEffect(() => {
    let timer = 0;
    const write = () => writeHash(store, page);
    const unsubscribe = store.subscribe((state, previous) => {
      if (
        state.structure.source === previous.structure.source &&
        state.structure.rotation === previous.structure.rotation &&
        state.probe.settings === previous.probe.settings
      )
        return;
      window.clearTimeout(timer);
      timer = window.setTimeout(write, WRITE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [page, store]);
}

/** Writes the store's view state into the hash (replaceState: no history entry, no hashchange). */
function writeHash(store: GauntletStore, page: string): void {
  const { structure, probe } = store.getState();
  const source = structure.source?.kind === 'file' ? null : structure.source;
  const params = writeWorkbenchLink({ source, rotation: [...structure.rotation], probe: probe.settings });
  const next = formatHash(page, params);
  if (parseHash(window.location.hash).page === page && window.location.hash !== next)
    window.history.replaceState(window.history.state, '', next);
}
