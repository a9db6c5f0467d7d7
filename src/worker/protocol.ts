import type { AdapterReport, EngineApi, EngineUnavailable } from '../engine/types';

/** What the worker says once it has tried to open the GPU: the adapter, or why there is none. */
export type EngineReadiness = { kind: 'ready'; report: AdapterReport } | EngineUnavailable;

/** GPU faults the worker pushes to the page (the device itself never leaves the worker). */
export type GpuEvent =
  | {
      kind: 'device-lost';
      reason: string;
      message: string;
      /** True when the worker opened a new device; later calls work again. */
      recovered: boolean;
      /** The adapter after recovery (it may differ), or null when none could be opened. */
      report: AdapterReport | null;
    }
  | { kind: 'gpu-error'; message: string };

/** The engine as the worker exposes it: the engine API plus readiness and fault events. */
export interface WorkerEngineApi extends EngineApi {
  whenReady(): Promise<EngineReadiness>;
  /** `listener` must be wrapped with comlink's `proxy()` so it can be called across the thread boundary. */
  subscribeGpuEvents(listener: (event: GpuEvent) => void): void;
}
