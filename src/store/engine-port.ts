import type { EngineApi } from '../engine/types';
import type { EngineReadiness, GpuEvent } from '../worker/protocol';

/**
 * What the store needs from the engine connection. The UI's EngineClient (a worker) implements
 * it; tests can pass an in-thread fake.
 */
export interface EnginePort {
  readonly engine: EngineApi;
  whenReady(): Promise<EngineReadiness>;
  onGpuEvent(listener: (event: GpuEvent) => void): () => void;
}
