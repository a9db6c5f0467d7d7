import type { StateCreator } from 'zustand';
import type { AdapterReport } from '../engine/types';
import type { GpuEvent } from '../worker/protocol';
import type { EnginePort } from './engine-port';
import type { StoreState } from './store';

export type AdapterStatus = 'connecting' | 'ready' | 'unavailable' | 'lost';

export interface AdapterState {
  status: AdapterStatus;
  report: AdapterReport | null;
  /** Why there is no GPU, what happened to it, or the last uncaptured GPU error. */
  message: string | null;
  /** How to enable WebGPU, when it is unavailable. */
  help: string | null;
  /** Bumped each time a (new) device becomes ready, so pages recompute what the old one held. */
  generation: number;
}

export interface AdapterSlice {
  adapter: AdapterState;
  /** Waits for the worker to open the GPU and follows device loss and recovery afterwards. */
  connect(): Promise<void>;
}

export const createAdapterSlice =
  (port: EnginePort): StateCreator<StoreState, [], [], AdapterSlice> =>
  (set, get) => {
    const patch = (p: Partial<AdapterState>) => set((s) => ({ adapter: { ...s.adapter, ...p } }));

    const onGpuEvent = (event: GpuEvent) => {
      if (event.kind === 'gpu-error') {
        patch({ message: `GPU error: ${event.message}` });
      } else if (event.recovered) {
        patch({
          status: 'ready',
          report: event.report ?? get().adapter.report,
          message: `The GPU device was lost (${event.reason}${event.message ? `: ${event.message}` : ''}) and recovered; results were recomputed.`,
          generation: get().adapter.generation + 1,
        });
      } else {
        patch({
          status: 'lost',
          message: `The GPU device was lost (${event.reason}) and could not be reopened: ${event.message}`,
        });
      }
    };

    let connected = false;
    return {
      adapter: { status: 'connecting', report: null, message: null, help: null, generation: 0 },
      async connect() {
        if (connected) return;
        connected = true;
        port.onGpuEvent(onGpuEvent);
        const readiness = await port.whenReady();
        if (readiness.kind === 'ready') {
          patch({
            status: 'ready',
            report: readiness.report,
            message: null,
            help: null,
            generation: get().adapter.generation + 1,
          });
        } else {
          patch({ status: 'unavailable', report: null, message: readiness.message, help: readiness.help });
        }
      },
    };
  };
