import { describe, expect, it } from 'vitest';
import type { EngineApi, ShEquivarianceReport, ShFieldRequest, ShFieldResult } from '../engine/types';
import type { EngineReadiness, GpuEvent } from '../worker/protocol';
import type { EnginePort } from './engine-port';
import { createGauntletStore } from './store';

const REPORT = {
  name: 'test adapter',
  vendor: 't',
  architecture: 'a',
  description: 'test',
  isFallback: true,
  features: [],
  limits: {},
};

function field(r: ShFieldRequest): ShFieldResult {
  return {
    l: r.l,
    m: r.m,
    positions: new Float32Array(3),
    indices: new Uint32Array(3),
    values: new Float32Array(1),
    min: -1,
    max: 1,
  };
}

/** An in-thread engine whose answers the test releases one by one, to reorder them at will. */
function fakePort(readiness: EngineReadiness = { kind: 'ready', report: REPORT }) {
  const pending: { request: ShFieldRequest; settle: (ok: boolean) => void }[] = [];
  const listeners = new Set<(e: GpuEvent) => void>();
  const checks: { lmax: number; seed: number }[] = [];
  const unused = async (): Promise<never> => {
    throw new Error('not used by the SH store');
  };
  const engine: EngineApi = {
    adapter: async () => REPORT,
    sphericalHarmonics: unused,
    tensorProduct: unused,
    expressivity: unused,
    benchDefaults: unused,
    benchTp: unused,
    cancelBench: unused,
    parseStructure: unused,
    structureFromSmiles: unused,
    radiusGraph: unused,
    probe: unused,
    infer: unused,
    cancelProbe: () => {},
    trainStart: unused,
    trainPause: unused,
    trainResume: unused,
    trainStep: unused,
    trainReset: unused,
    trainCheckpoint: unused,
    trainRestore: unused,
    shField: (request) =>
      new Promise((resolve, reject) =>
        pending.push({
          request,
          settle: (ok) => (ok ? resolve(field(request)) : reject(new Error('kernel failed'))),
        }),
      ),
    shEquivariance: async (r): Promise<ShEquivarianceReport> => {
      checks.push({ lmax: r.lmax, seed: r.seed });
      return { ...r, angles: [0, 0, 0], relativeError: 1e-7, float32Floor: 1e-7, verdict: 'equivariant' };
    },
  };
  const port: EnginePort = {
    engine,
    whenReady: async () => readiness,
    onGpuEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { port, pending, checks, emit: (e: GpuEvent) => listeners.forEach((l) => void l(e)) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('app store', () => {
  it('connects, then clamps m when l shrinks and asks the engine for both field and check', async () => {
    const fake = fakePort();
    const store = createGauntletStore(fake.port);
    await store.getState().connect();
    expect(store.getState().adapter).toMatchObject({ status: 'ready', report: REPORT, generation: 1 });
    store.getState().setL(5);
    store.getState().setM(-4);
    store.getState().setL(2);
    expect(store.getState().sh).toMatchObject({ l: 2, m: -2 });
    expect(fake.pending.at(-1)?.request).toMatchObject({ l: 2, m: -2 });
    await flush();
    expect(fake.checks.at(-1)).toMatchObject({ lmax: 2 });
  });

  it('keeps only the newest field when answers arrive out of order, and keeps it on a later error', async () => {
    const fake = fakePort();
    const store = createGauntletStore(fake.port);
    await store.getState().connect();
    store.getState().setL(3);
    store.getState().setL(4);
    const [older, newer] = fake.pending;
    newer.settle(true);
    older.settle(true);
    await flush();
    expect(store.getState().sh.field?.l).toBe(4);
    store.getState().setM(1);
    fake.pending.at(-1)?.settle(false);
    await flush();
    expect(store.getState().sh.field?.l).toBe(4);
    expect(store.getState().sh.fieldError).toContain('kernel failed');
  });

  it('reports an unavailable GPU with its help text and sends no engine calls', async () => {
    const fake = fakePort({ kind: 'webgpu-unavailable', message: 'no navigator.gpu', help: 'enable it' });
    const store = createGauntletStore(fake.port);
    await store.getState().connect();
    store.getState().setL(3);
    expect(store.getState().adapter).toMatchObject({
      status: 'unavailable',
      message: 'no navigator.gpu',
      help: 'enable it',
    });
    expect(fake.pending).toHaveLength(0);
  });

  it('marks the device lost, and ready again with a new generation when it recovers', async () => {
    const fake = fakePort();
    const store = createGauntletStore(fake.port);
    await store.getState().connect();
    fake.emit({ kind: 'device-lost', reason: 'unknown', message: 'reset', recovered: false, report: null });
    expect(store.getState().adapter.status).toBe('lost');
    fake.emit({ kind: 'device-lost', reason: 'unknown', message: 'reset', recovered: true, report: REPORT });
    expect(store.getState().adapter).toMatchObject({ status: 'ready', generation: 2 });
    expect(store.getState().adapter.message).toContain('recovered');
  });
});
