import { proxy, type Remote, releaseProxy, wrap } from 'comlink';
import type { EngineApi } from '../engine/types';
import type { EnginePort } from '../store/engine-port';
import type { EngineReadiness, GpuEvent, WorkerEngineApi } from '../worker/protocol';

/**
 * The page's handle on the engine worker. The UI thread never imports GPU code: every engine
 * call is a message to src/worker/engine-worker.ts and comes back as plain data.
 */
export class EngineClient implements EnginePort {
  private readonly worker: Worker;
  private readonly remote: Remote<WorkerEngineApi>;
  private readonly listeners = new Set<(event: GpuEvent) => void>();
  private readonly ready: Promise<EngineReadiness>;
  /** The engine API; each method posts to the worker and resolves with its answer. */
  readonly engine: EngineApi;

  constructor() {
    this.worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), {
      type: 'module',
      name: 'gauntlet-engine',
    });
    this.remote = wrap<WorkerEngineApi>(this.worker);
    this.engine = withProxiedCallbacks(this.remote);
    const relay = (event: GpuEvent) => {
      for (const listener of this.listeners) listener(event);
    };
    void this.remote.subscribeGpuEvents(proxy(relay));
    // A worker that fails to load never answers comlink; its `error` event settles readiness instead.
    const failed = new Promise<EngineReadiness>((resolve) =>
      this.worker.addEventListener(
        'error',
        (event) => resolve(workerFailure(event.message || 'script error')),
        { once: true },
      ),
    );
    const answered = this.remote.whenReady().catch((error: unknown) => workerFailure(describe(error)));
    this.ready = Promise.race([answered, failed]);
  }

  /** The adapter report once the GPU is open, or why it could not be opened. */
  whenReady(): Promise<EngineReadiness> {
    return this.ready;
  }

  onGpuEvent(listener: (event: GpuEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.remote[releaseProxy]();
    this.worker.terminate();
  }
}

/**
 * The remote engine as an EngineApi. Functions cannot be cloned into a worker message, so a
 * callback argument (benchTp's onProgress) must cross as a comlink proxy; every other call passes
 * straight through to the remote.
 */
function withProxiedCallbacks(remote: Remote<WorkerEngineApi>): EngineApi {
  const benchTp: EngineApi['benchTp'] = (options, onProgress) =>
    remote.benchTp(options, onProgress ? proxy(onProgress) : undefined);
  const trainStart: EngineApi['trainStart'] = (request, onEvent, options) =>
    remote.trainStart(request, proxy(onEvent), options);
  const trainRestore: EngineApi['trainRestore'] = (json, onEvent) =>
    remote.trainRestore(json, proxy(onEvent));
  const probe: EngineApi['probe'] = (request, onProgress) =>
    remote.probe(request, onProgress ? proxy(onProgress) : undefined);
  const proxied: Record<string | symbol, unknown> = { benchTp, trainStart, trainRestore, probe };
  return new Proxy(remote, {
    get: (target, key) => (key in proxied ? proxied[key] : Reflect.get(target, key)),
  }) as unknown as EngineApi;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function workerFailure(detail: string): EngineReadiness {
  return {
    kind: 'webgpu-unavailable',
    message: `The engine worker failed to start: ${detail}`,
    help: 'Reload the page; if this persists, the browser console shows the worker error.',
  };
}
