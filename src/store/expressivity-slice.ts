import type { StateCreator } from 'zustand';
import type { ExpressivityReport } from '../engine/types';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import { canonicalIrrep, irrepInputProblem } from './irrep-input';
import type { StoreState } from './store';

export interface ExpressivityState {
  /** The two input fields as typed (they may be invalid while the user edits them). */
  irrep1: string;
  irrep2: string;
  /** The last table the engine measured; kept while a new one computes or fails. */
  report: ExpressivityReport | null;
  busy: boolean;
  error: string | null;
}

export interface ExpressivitySlice {
  expressivity: ExpressivityState;
  /** Updates the fields; measures the pair as soon as both are valid irreps. */
  setExpressivityInputs(irrep1: string, irrep2: string): void;
  /** Measures the current pair again (after connect or device recovery). */
  refreshExpressivity(): void;
}

export const createExpressivitySlice =
  (port: EnginePort): StateCreator<StoreState, [], [], ExpressivitySlice> =>
  (set, get) => {
    const patch = (p: Partial<ExpressivityState>) =>
      set((s) => ({ expressivity: { ...s.expressivity, ...p } }));
    // Answers can come back out of order when the user switches pairs quickly: the newest wins.
    let ticket = 0;
    let requested: string | null = null;

    const request = async (force: boolean) => {
      const { irrep1, irrep2 } = get().expressivity;
      if (get().adapter.status !== 'ready' || irrepInputProblem(irrep1) || irrepInputProblem(irrep2)) return;
      const pair = `${canonicalIrrep(irrep1)} ⊗ ${canonicalIrrep(irrep2)}`;
      if (!force && pair === requested) return;
      requested = pair;
      const mine = ++ticket;
      patch({ busy: true });
      try {
        const report = await port.engine.expressivity(canonicalIrrep(irrep1), canonicalIrrep(irrep2));
        if (mine === ticket) patch({ report, busy: false, error: null });
      } catch (error) {
        if (mine === ticket) {
          requested = null; // let the same pair be retried
          patch({ busy: false, error: `${pair}: ${describeError(error)}` });
        }
      }
    };

    return {
      expressivity: { irrep1: '1o', irrep2: '1o', report: null, busy: false, error: null },
      setExpressivityInputs(irrep1, irrep2) {
        patch({ irrep1, irrep2 });
        void request(false);
      },
      refreshExpressivity() {
        void request(true);
      },
    };
  };
