import type { StateCreator } from 'zustand';
import type { ShEquivarianceReport, ShFieldResult, ShNormalization } from '../engine/types';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import type { StoreState } from './store';

/** Highest degree the page offers; the GPU kernel goes further, the sphere mesh stops resolving it well. */
export const SH_PAGE_MAX_L = 8;
/** Latitude bands of the sphere mesh (longitude segments are twice this). */
export const SH_FIELD_RESOLUTION = 64;
/** Points per equivariance check: enough to exercise every block, quick on a software adapter. */
export const SH_CHECK_SAMPLES = 256;

export interface ShState {
  l: number;
  m: number;
  normalization: ShNormalization;
  /** Deform the sphere to radius |Y| (the classic "orbital" picture). */
  showRadius: boolean;
  /** Seed of the random rotation (and points) of the equivariance check. */
  seed: number;
  field: ShFieldResult | null;
  fieldBusy: boolean;
  fieldError: string | null;
  check: ShEquivarianceReport | null;
  checkBusy: boolean;
  checkError: string | null;
}

export interface ShSlice {
  sh: ShState;
  setL(l: number): void;
  setM(m: number): void;
  setNormalization(normalization: ShNormalization): void;
  setShowRadius(show: boolean): void;
  newRotation(): void;
  /** Recomputes the field and the check for the current settings (after connect or device recovery). */
  refreshSh(): void;
}

const clampInt = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/** A fresh 31-bit seed; Math.random is fine here, the seed is shown so a check can be repeated. */
const randomSeed = () => 1 + Math.floor(Math.random() * 0x7ffffffe);

export const createShSlice =
  (port: EnginePort): StateCreator<StoreState, [], [], ShSlice> =>
  (set, get) => {
    const patch = (p: Partial<ShState>) => set((s) => ({ sh: { ...s.sh, ...p } }));
    // Answers can arrive out of order when settings change quickly: only the newest request lands.
    let fieldTicket = 0;
    let checkTicket = 0;

    const requestField = async () => {
      if (get().adapter.status !== 'ready') return;
      const ticket = ++fieldTicket;
      const { l, m, normalization } = get().sh;
      patch({ fieldBusy: true });
      try {
        const field = await port.engine.shField({ l, m, normalization, resolution: SH_FIELD_RESOLUTION });
        if (ticket === fieldTicket) patch({ field, fieldBusy: false, fieldError: null });
      } catch (error) {
        // Keep the last good field on screen; the error region explains what failed.
        if (ticket === fieldTicket)
          patch({ fieldBusy: false, fieldError: `Y_${l}^${m}: ${describeError(error)}` });
      }
    };

    const requestCheck = async () => {
      if (get().adapter.status !== 'ready') return;
      const ticket = ++checkTicket;
      const { l, normalization, seed } = get().sh;
      patch({ checkBusy: true });
      try {
        const check = await port.engine.shEquivariance({
          lmax: l,
          seed,
          samples: SH_CHECK_SAMPLES,
          normalization,
        });
        if (ticket === checkTicket) patch({ check, checkBusy: false, checkError: null });
      } catch (error) {
        if (ticket === checkTicket)
          patch({ checkBusy: false, checkError: `Equivariance check (l ≤ ${l}): ${describeError(error)}` });
      }
    };

    return {
      sh: {
        l: 2,
        m: 0,
        normalization: 'component',
        showRadius: false,
        seed: 1,
        field: null,
        fieldBusy: false,
        fieldError: null,
        check: null,
        checkBusy: false,
        checkError: null,
      },
      setL(value) {
        const l = clampInt(value, 0, SH_PAGE_MAX_L);
        const { sh } = get();
        if (l === sh.l) return;
        patch({ l, m: clampInt(sh.m, -l, l) });
        void requestField();
        void requestCheck();
      },
      setM(value) {
        const { sh } = get();
        const m = clampInt(value, -sh.l, sh.l);
        if (m === sh.m) return;
        patch({ m });
        void requestField();
      },
      setNormalization(normalization) {
        if (normalization === get().sh.normalization) return;
        patch({ normalization });
        void requestField();
        void requestCheck();
      },
      setShowRadius(showRadius) {
        patch({ showRadius });
      },
      newRotation() {
        patch({ seed: randomSeed() });
        void requestCheck();
      },
      refreshSh() {
        void requestField();
        void requestCheck();
      },
    };
  };
