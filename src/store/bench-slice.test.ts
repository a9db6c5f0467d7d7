import { describe, expect, it } from 'vitest';
import { normalizeBenchForm } from './bench-options';
import { isTpBenchReport } from './bench-storage';
import { createGauntletStore } from './store';
import { benchReport, benchRow, fakeEnginePort, flush, memoryStorage } from './test-engine-port';

async function readyStore(storage = memoryStorage()) {
  const fake = fakeEnginePort();
  const store = createGauntletStore(fake.port, { storage });
  await store.getState().connect();
  await store.getState().loadBenchDefaults();
  return { fake, store, storage };
}

describe('bench slice', () => {
  it('fills the form from the engine defaults and keeps it in range', async () => {
    const { store } = await readyStore();
    expect(store.getState().bench.form).toEqual({
      lmin: 1,
      lmax: 3,
      batch: 16,
      channels: 4,
      settings: ['siso', 'mimo'],
      methods: ['cg', 'gaunt-fft', 'gaunt-grid', 'gaunt-direct', 'cpu'],
    });
    store.getState().updateBenchForm({ lmin: 5 });
    expect(store.getState().bench.form).toMatchObject({ lmin: 5, lmax: 5 });
    store.getState().updateBenchForm({ lmax: 2 });
    expect(store.getState().bench.form).toMatchObject({ lmin: 2, lmax: 2 });
    store.getState().updateBenchForm({ batch: 0, channels: 1e9, methods: ['cpu', 'cg'] });
    expect(store.getState().bench.form).toMatchObject({ batch: 1, channels: 256, methods: ['cg', 'cpu'] });
  });

  it('normalizes degrees to 1..8', () => {
    const form = { lmin: 0, lmax: 12, batch: 2, channels: 2, settings: [], methods: [] };
    expect(normalizeBenchForm(form)).toMatchObject({ lmin: 1, lmax: 8 });
  });

  it('sends the form as options, shows progress and live rows, then keeps and stores the report', async () => {
    const { fake, store, storage } = await readyStore();
    store.getState().updateBenchForm({ lmin: 1, lmax: 2, settings: ['siso'], methods: ['cg', 'gaunt-fft'] });
    void store.getState().runBench();
    expect(store.getState().bench).toMatchObject({ phase: 'running', progress: { done: 0, total: 5 } });
    const run = fake.benches[0];
    expect(run.options).toMatchObject({ lmaxes: [1, 2], settings: ['siso'], cpuBatch: 4, batch: 16 });
    expect(run.options.timing).toBeDefined();

    run.progress({ done: 1, total: 5, label: 'peak measured' });
    run.progress({ done: 2, total: 5, label: 'siso L=1 cg', row: benchRow('cg', 1) });
    expect(store.getState().bench.progress).toEqual({ done: 2, total: 5, label: 'measured siso L=1 cg' });
    expect(store.getState().bench.liveRows.map((r) => r.method)).toEqual(['cg']);

    const report = benchReport([benchRow('cg', 1), benchRow('gaunt-fft', 1)]);
    run.resolve(report);
    await flush();
    // A step that arrives after the run settled (it travels on another channel) changes nothing.
    run.progress({ done: 5, total: 5, label: 'siso L=2 gaunt-fft', row: benchRow('gaunt-fft', 2) });
    expect(store.getState().bench).toMatchObject({ phase: 'idle', report, liveRows: [], error: null });
    expect(store.getState().bench.progress).toEqual({ done: 5, total: 5, label: 'finished' });
    const stored = JSON.parse(storage.getItem('gauntlet-bench-report') ?? 'null');
    expect(stored).toEqual(report);

    // A reload (a new store on the same storage) shows the same report.
    const reloaded = createGauntletStore(fakeEnginePort().port, { storage });
    expect(reloaded.getState().bench.report).toEqual(report);
  });

  it('remembers the chosen sizes across a reload', async () => {
    const { store, storage } = await readyStore();
    store.getState().updateBenchForm({ lmin: 2, lmax: 4, batch: 8, methods: ['gaunt-grid'] });
    const { store: reloaded } = await readyStore(storage);
    expect(reloaded.getState().bench.form).toEqual(store.getState().bench.form);
    expect(reloaded.getState().bench.form).toMatchObject({
      lmin: 2,
      lmax: 4,
      batch: 8,
      methods: ['gaunt-grid'],
    });
  });

  it('cancels between rows and keeps the last complete report', async () => {
    const { fake, store } = await readyStore();
    void store.getState().runBench();
    const first = benchReport([benchRow('cg', 1)]);
    fake.benches[0].resolve(first);
    await flush();

    void store.getState().runBench();
    fake.benches[1].progress({ done: 2, total: 31, label: 'siso L=1 cg', row: benchRow('cg', 1, 9) });
    await store.getState().cancelBench();
    expect(fake.cancels()).toBe(1);
    await flush();
    const { bench } = store.getState();
    expect(bench).toMatchObject({ phase: 'idle', report: first, liveRows: [], error: null });
    expect(bench.notice).toMatch(/Cancelled after 2 of 31/);
    expect(bench.progress?.label).toBe('cancelled');
  });

  it('reports an engine error and keeps the last good report', async () => {
    const { fake, store } = await readyStore();
    void store.getState().runBench();
    const good = benchReport([benchRow('cg', 1)]);
    fake.benches[0].resolve(good);
    await flush();

    void store.getState().runBench();
    fake.benches[1].reject(new Error('device lost'));
    await flush();
    expect(store.getState().bench).toMatchObject({ phase: 'idle', report: good });
    expect(store.getState().bench.error).toContain('device lost');
  });

  it('refuses a second run while one is going and a form with no method', async () => {
    const { fake, store } = await readyStore();
    void store.getState().runBench();
    void store.getState().runBench();
    expect(fake.benches).toHaveLength(1);
    fake.benches[0].resolve(benchReport([]));
    await flush();
    store.getState().updateBenchForm({ methods: [] });
    void store.getState().runBench();
    expect(fake.benches).toHaveLength(1);
  });

  it('ignores a corrupt or outdated stored report', () => {
    const storage = memoryStorage({ 'gauntlet-bench-report': '{"adapter":{},"rows":[]}' });
    const store = createGauntletStore(fakeEnginePort().port, { storage });
    expect(store.getState().bench.report).toBeNull();
    expect(isTpBenchReport(benchReport([benchRow('cg', 1)]))).toBe(true);
    expect(isTpBenchReport({ ...benchReport([]), rows: [{ method: 'cg' }] })).toBe(false);
  });
});
