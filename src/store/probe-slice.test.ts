import { describe, expect, it } from 'vitest';
import type { EngineProbeReport, ProbeRequest, StructureData } from '../engine/types';
import { memoryRunStore } from './checkpoint-store';
import type { EnginePort } from './engine-port';
import { SWEEP_CHUNK } from './probe-slice';
import { createGauntletStore } from './store';
import { fakeEnginePort, flush, memoryStorage } from './test-engine-port';

function water(): StructureData {
  return {
    name: 'water.xyz',
    format: 'xyz',
    kind: 'molecule',
    formula: 'H2O',
    frames: [
      {
        positions: new Float64Array([0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]),
        elements: ['O', 'H', 'H'],
        bonds: new Uint32Array([0, 1, 0, 2]),
        bondsInferred: true,
      },
    ],
  };
}

function report(request: ProbeRequest): EngineProbeReport {
  const custom = (request.custom ?? []).map((transformation, i) => ({
    transformation,
    error: 1e-7 * (i + 1),
    verdict: 'equivariant' as const,
    outputs: [],
    positions: [],
    values: [],
  }));
  return { floor: 1e-7, tolerance: 1e-5, custom } as unknown as EngineProbeReport;
}

/** An engine whose probe calls the test settles one at a time. */
function setup() {
  const fake = fakeEnginePort();
  const calls: { request: ProbeRequest; settle: () => void }[] = [];
  const port: EnginePort = {
    ...fake.port,
    engine: {
      ...fake.port.engine,
      probe: (request) =>
        new Promise((resolve) => calls.push({ request, settle: () => resolve(report(request)) })),
    },
  };
  const store = createGauntletStore(port, { storage: memoryStorage() });
  return { fake, store, calls };
}

async function load(setupResult: ReturnType<typeof setup>) {
  const done = setupResult.store.getState().loadStructureData('water.xyz', 'x');
  await flush();
  setupResult.fake.structures.at(-1)?.resolve({ ok: true, structure: water() });
  await done;
}

describe('probe slice', () => {
  it('runs a model saved by the Train page: its checkpoint goes to the engine with the run id', async () => {
    const fake = fakeEnginePort();
    const runs = memoryRunStore();
    const checkpoint = { format: 'gauntlet-checkpoint-1', marker: 42 };
    await runs.put(
      {
        id: 'run-abc-1-x',
        savedAt: '2026-11-27T00:00:00.000Z',
        request: { dataset: 'md', model: 'nequip' },
        model: 'nequip-cg-c4-l1-x2',
        parameters: 1,
        step: 5,
        steps: 10,
        lastLoss: 0.1,
        metrics: [],
        elapsed: 1,
      },
      { format: 'gauntlet-train-run-1', request: { dataset: 'md', model: 'nequip' }, elapsed: 1, checkpoint },
    );
    const requests: unknown[] = [];
    const port: EnginePort = {
      ...fake.port,
      engine: {
        ...fake.port.engine,
        infer: async (request) => {
          requests.push(request.model);
          throw new Error('stop here');
        },
      },
    };
    const store = createGauntletStore(port, { storage: memoryStorage(), runs });
    await load({ fake, store, calls: [] });
    store.getState().setProbeSettings({ model: 'run-abc-1-x' });
    await store.getState().runModel();
    expect(requests).toEqual([{ kind: 'checkpoint', checkpoint, id: 'run-abc-1-x' }]);
    // A run that is gone is an error the panel shows, not a hang.
    store.getState().setProbeSettings({ model: 'run-gone' });
    await store.getState().runModel();
    expect(store.getState().probe).toMatchObject({ busy: null, error: expect.stringMatching(/gone/) });
  });

  it('cancels a full probe through the engine and leaves the panel idle, without an error', async () => {
    const fake = fakeEnginePort();
    let cancelled = 0;
    let reject: ((e: unknown) => void) | null = null;
    const port: EnginePort = {
      ...fake.port,
      engine: {
        ...fake.port.engine,
        probe: () =>
          new Promise((_, r) => {
            reject = r;
          }),
        cancelProbe: () => {
          cancelled++;
          reject?.(Object.assign(new Error('probe cancelled'), { name: 'AbortError' }));
        },
      },
    };
    const store = createGauntletStore(port, { storage: memoryStorage() });
    await load({ fake, store, calls: [] });
    const running = store.getState().runProbe();
    await flush();
    expect(store.getState().probe.busy).toBe('probe');
    store.getState().cancelProbe();
    await running;
    expect(cancelled).toBe(1);
    expect(store.getState().probe).toMatchObject({ busy: null, error: null });
  });

  it('sweeps in chunks with progress, and stops between chunks when cancelled', async () => {
    const t = setup();
    await load(t);
    t.store.getState().setProbeSettings({ sweepSteps: 3 * SWEEP_CHUNK, sweepAxis: 'x' });
    const sweep = t.store.getState().runSweep();
    await flush();
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0].request.custom).toHaveLength(SWEEP_CHUNK);
    expect(t.calls[0].request.custom?.[0]).toMatchObject({ kind: 'rotation', axis: [1, 0, 0] });
    t.calls[0].settle();
    await flush();
    expect(t.store.getState().probe.progress).toEqual({ done: SWEEP_CHUNK, total: 3 * SWEEP_CHUNK });
    t.store.getState().cancelProbe();
    t.calls[1].settle();
    await sweep;
    const state = t.store.getState().probe;
    expect(t.calls).toHaveLength(2);
    expect(state.busy).toBeNull();
    expect(state.sweep).toMatchObject({ cancelled: true, done: false, floor: 1e-7 });
    expect(state.sweep?.angles).toHaveLength(1 + 2 * SWEEP_CHUNK);
    expect(state.sweep?.angles[1]).toBeCloseTo(20, 12);
  });

  it('coalesces live probes: only the newest rotation asked during a run is probed next', async () => {
    const t = setup();
    await load(t);
    const first = t.store.getState().probeTransformation();
    await flush();
    t.store.getState().rotateStructure([0, 0, 1], 0.1);
    void t.store.getState().probeTransformation();
    t.store.getState().rotateStructure([0, 0, 1], 0.1);
    void t.store.getState().probeTransformation();
    t.calls[0].settle();
    await flush();
    expect(t.calls).toHaveLength(2);
    const matrix = (t.calls[1].request.custom ?? [])[0] as { matrix: number[] };
    expect(matrix.matrix[1]).toBeCloseTo(-Math.sin(0.2), 12);
    t.calls[1].settle();
    await first;
    expect(t.store.getState().probe.busy).toBeNull();
    expect(t.store.getState().probe.live?.transformation).toEqual(t.calls[1].request.custom?.[0]);
  });

  it('drops results when the model changes', async () => {
    const t = setup();
    await load(t);
    const run = t.store.getState().probeTransformation({ kind: 'inversion' });
    await flush();
    t.calls[0].settle();
    await run;
    expect(t.store.getState().probe.live).not.toBeNull();
    t.store.getState().setProbeSettings({ model: 'egnn' });
    expect(t.store.getState().probe.live).toBeNull();
    expect(t.store.getState().probe.settings.model).toBe('egnn');
  });
});
