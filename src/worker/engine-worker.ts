/// <reference lib="webworker" />
/**
 * The Web Worker that hosts the engine. It owns the GPU device; the page only sees plain data
 * through comlink. Created by src/ui/engine-client.ts as a module worker.
 */
import { expose } from 'comlink';
import { Engine } from '../engine/engine';
import { structureFromSmilesOf } from '../engine/smiles-service';
import { parseStructureOf } from '../engine/structure-service';
import type { EngineUnavailable } from '../engine/types';
import { createBrowserGpu, ENABLE_WEBGPU_HELP } from '../gpu/browser-gpu';
import type { Gpu } from '../gpu/runtime';
import type { EngineReadiness, GpuEvent, WorkerEngineApi } from './protocol';

const listeners = new Set<(event: GpuEvent) => void>();

function emit(event: GpuEvent): void {
  for (const listener of listeners) {
    // A listener whose page went away rejects; forget it instead of failing the worker.
    Promise.resolve(listener(event)).catch(() => listeners.delete(listener));
  }
}

function unavailable(error: unknown): EngineUnavailable {
  const raw = error instanceof Error ? error.message : String(error);
  // createBrowserGpu appends the help to its message; the UI shows help separately, so drop it here.
  const message = raw.replace(ENABLE_WEBGPU_HELP, '').trim() || 'WebGPU could not be started.';
  return { kind: 'webgpu-unavailable', message, help: ENABLE_WEBGPU_HELP };
}

function watch(gpu: Gpu): void {
  gpu.onDeviceLost((e) =>
    emit({
      kind: 'device-lost',
      reason: e.reason,
      message: e.message,
      recovered: e.recovered,
      report: e.recovered ? gpu.report : null,
    }),
  );
  gpu.onUncapturedError((message) => emit({ kind: 'gpu-error', message }));
}

/** Opened once, at worker start, so the adapter shows in the status bar before the first request. */
const booting: Promise<{ engine: Engine; gpu: Gpu } | EngineUnavailable> = (async () => {
  try {
    const gpu = await createBrowserGpu({ label: 'gauntlet-worker' });
    watch(gpu);
    return { engine: await Engine.create(gpu), gpu };
  } catch (error) {
    return unavailable(error);
  }
})();

async function engine(): Promise<Engine> {
  const booted = await booting;
  if ('kind' in booted) {
    const error = new Error(`WebGPU is unavailable: ${booted.message}`);
    error.name = 'EngineUnavailable';
    throw error;
  }
  return booted.engine;
}

const api: WorkerEngineApi = {
  async whenReady(): Promise<EngineReadiness> {
    const booted = await booting;
    return 'kind' in booted ? booted : { kind: 'ready', report: booted.gpu.report };
  },
  subscribeGpuEvents(listener) {
    listeners.add(listener);
  },
  adapter: async () => (await engine()).adapter(),
  sphericalHarmonics: async (request) => (await engine()).sphericalHarmonics(request),
  shField: async (request) => (await engine()).shField(request),
  shEquivariance: async (request) => (await engine()).shEquivariance(request),
  tensorProduct: async (request) => (await engine()).tensorProduct(request),
  expressivity: async (irrep1, irrep2) => (await engine()).expressivity(irrep1, irrep2),
  benchDefaults: async () => (await engine()).benchDefaults(),
  // `onProgress` arrives as a comlink proxy; calling it posts back to the page.
  benchTp: async (options, onProgress) => (await engine()).benchTp(options, onProgress),
  // Likewise the probe's progress callback.
  probe: async (request, onProgress) => (await engine()).probe(request, onProgress),
  infer: async (request) => (await engine()).infer(request),
  cancelProbe: async () => (await engine()).cancelProbe(),
  cancelBench: async () => (await engine()).cancelBench(),
  // The training session lives here between calls; `onEvent` is a comlink proxy like onProgress.
  trainStart: async (request, onEvent, options) => (await engine()).trainStart(request, onEvent, options),
  trainPause: async () => (await engine()).trainPause(),
  trainResume: async () => (await engine()).trainResume(),
  trainStep: async () => (await engine()).trainStep(),
  trainReset: async () => (await engine()).trainReset(),
  trainCheckpoint: async () => (await engine()).trainCheckpoint(),
  trainRestore: async (json, onEvent) => (await engine()).trainRestore(json, onEvent),
  // Parsing needs no GPU, so it works where WebGPU is unavailable too.
  parseStructure: async (name, data) => parseStructureOf(name, data),
  structureFromSmiles: async (smiles, seed) => structureFromSmilesOf(smiles, seed),
  radiusGraph: async (positions, cutoff) => (await engine()).radiusGraph(positions, cutoff),
};

expose(api);
