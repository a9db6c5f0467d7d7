import type { StateCreator } from 'zustand';
import type { RadiusGraphResult } from '../engine/types';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import type { StoreState } from './store';

/** The radius graph drawn over the structure on display (nodes and edges). */
export interface GraphState {
  /** Draw it (the Display panel's checkbox). */
  shown: boolean;
  cutoff: number;
  /** The graph of `key`'s positions at `result.cutoff`, or null. */
  result: RadiusGraphResult | null;
  /** The frame positions the result belongs to (a new structure or frame makes it stale). */
  key: Float64Array | null;
  busy: boolean;
  error: string | null;
}

export interface GraphSlice {
  graph: GraphState;
  setGraphCutoff(cutoff: number): void;
  /** Shows (building it in the engine when stale) or hides the radius graph. */
  showGraph(shown: boolean): Promise<void>;
  /** Rebuilds the graph for the frame on display if it is shown and stale. */
  refreshGraph(): Promise<void>;
}

/** Å for molecules: bonded and next-nearest neighbours, as an interaction network's first shell. */
export const DEFAULT_GRAPH_CUTOFF = 2;

export const createGraphSlice =
  (port: EnginePort): StateCreator<StoreState, [], [], GraphSlice> =>
  (set, get) => {
    const patch = (p: Partial<GraphState>) => set({ graph: { ...get().graph, ...p } });
    const framePositions = () => {
      const s = get().structure;
      return s.loaded?.frames[s.frame]?.positions ?? null;
    };
    return {
      graph: {
        shown: false,
        cutoff: DEFAULT_GRAPH_CUTOFF,
        result: null,
        key: null,
        busy: false,
        error: null,
      },

      setGraphCutoff(cutoff) {
        if (Number.isFinite(cutoff) && cutoff > 0) {
          patch({ cutoff });
          void get().refreshGraph();
        }
      },

      async showGraph(shown) {
        patch({ shown, error: null });
        if (shown) await get().refreshGraph();
      },

      async refreshGraph() {
        const g = get().graph;
        const positions = framePositions();
        if (!g.shown || !positions || g.busy) return;
        if (g.key === positions && g.result?.cutoff === g.cutoff) return;
        const cutoff = g.cutoff;
        patch({ busy: true, error: null });
        try {
          const result = await port.engine.radiusGraph(positions, cutoff);
          patch({ busy: false, result, key: positions });
        } catch (error) {
          patch({ busy: false, result: null, key: null, error: describeError(error) });
          return;
        }
        // The structure, frame or cutoff may have changed while the engine worked.
        if (framePositions() !== positions || get().graph.cutoff !== cutoff) await get().refreshGraph();
      },
    };
  };
