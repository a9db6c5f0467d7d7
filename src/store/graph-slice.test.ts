import { describe, expect, it } from 'vitest';
import type { StructureData } from '../engine/types';
import { DEFAULT_GRAPH_CUTOFF } from './graph-slice';
import { createGauntletStore } from './store';
import { fakeEnginePort, flush, memoryStorage } from './test-engine-port';

const twoFrames: StructureData = {
  name: 'pair.xyz',
  format: 'xyz',
  kind: 'molecule',
  formula: 'H2',
  frames: [0.74, 0.8].map((d) => ({
    positions: new Float64Array([0, 0, 0, d, 0, 0]),
    elements: ['H', 'H'],
    bonds: new Uint32Array([0, 1]),
    bondsInferred: true,
  })),
};

describe('graph slice', () => {
  it('builds the radius graph of the frame on display when shown, and again for a new frame or cutoff', async () => {
    const fake = fakeEnginePort();
    const store = createGauntletStore(fake.port, { storage: memoryStorage() });
    const loading = store.getState().loadStructureData('pair.xyz', 'x');
    await flush();
    fake.structures.at(-1)?.resolve({ ok: true, structure: twoFrames });
    await loading;

    const shown = store.getState().showGraph(true);
    await flush();
    expect(fake.graphs).toHaveLength(1);
    expect(fake.graphs[0].cutoff).toBe(DEFAULT_GRAPH_CUTOFF);
    expect(fake.graphs[0].positions).toBe(twoFrames.frames[0].positions);
    fake.graphs[0].resolve({
      cutoff: DEFAULT_GRAPH_CUTOFF,
      pairs: new Uint32Array([0, 1]),
      builtOn: 'cpu',
      ms: 1,
    });
    await shown;
    expect(store.getState().graph).toMatchObject({ busy: false, key: twoFrames.frames[0].positions });

    // Same frame and cutoff: nothing to do.
    await store.getState().refreshGraph();
    expect(fake.graphs).toHaveLength(1);

    store.getState().setStructureFrame(1);
    const again = store.getState().refreshGraph();
    await flush();
    expect(fake.graphs[1].positions).toBe(twoFrames.frames[1].positions);
    fake.graphs[1].resolve({
      cutoff: DEFAULT_GRAPH_CUTOFF,
      pairs: new Uint32Array([0, 1]),
      builtOn: 'cpu',
      ms: 1,
    });
    await again;

    store.getState().setGraphCutoff(0.5);
    await flush();
    expect(fake.graphs[2].cutoff).toBe(0.5);
    fake.graphs[2].resolve({ cutoff: 0.5, pairs: new Uint32Array(0), builtOn: 'cpu', ms: 1 });
    await flush();
    expect(store.getState().graph.result?.pairs).toHaveLength(0);

    // Hidden: no more requests.
    await store.getState().showGraph(false);
    store.getState().setStructureFrame(0);
    await store.getState().refreshGraph();
    expect(fake.graphs).toHaveLength(3);
  });
});
