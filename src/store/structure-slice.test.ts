import { describe, expect, it } from 'vitest';
import type { StructureData } from '../engine/types';
import { createGauntletStore } from './store';
import { MAX_STRUCTURE_BYTES } from './structure-slice';
import { fakeEnginePort, flush, memoryStorage } from './test-engine-port';

function water(frames = 1): StructureData {
  const frame = {
    positions: new Float64Array([0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]),
    elements: ['O', 'H', 'H'],
    bonds: new Uint32Array([0, 1, 0, 2]),
    bondsInferred: true,
  };
  return {
    name: 'water.xyz',
    format: 'xyz',
    kind: 'molecule',
    frames: Array(frames).fill(frame),
    formula: 'H2O',
  };
}

const brokenError = {
  message: 'line 5, column 1: expected an atom line, found the end of the file. Fix the count line.',
  line: 5,
  column: 1,
  expected: 'an atom line',
  found: 'the end of the file',
  hint: 'Fix the count line.',
};

function setup() {
  const fake = fakeEnginePort();
  const store = createGauntletStore(fake.port, { storage: memoryStorage() });
  return { fake, store };
}

function file(name: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer };
}

describe('structure slice', () => {
  it('loads a file through the engine and shows frame 0', async () => {
    const { fake, store } = setup();
    const done = store.getState().loadStructureFile(file('water.xyz', '3\n\nO 0 0 0\n'));
    await flush();
    expect(store.getState().structure.loading).toBe('water.xyz');
    expect(fake.structures[0].name).toBe('water.xyz');
    expect(fake.structures[0].data).toBeInstanceOf(Uint8Array);
    fake.structures[0].resolve({ ok: true, structure: water(4) });
    await done;
    expect(store.getState().structure).toMatchObject({ loading: null, error: null, frame: 0 });
    expect(store.getState().structure.loaded?.formula).toBe('H2O');
    store.getState().setStructureFrame(9);
    expect(store.getState().structure.frame).toBe(3);
  });

  it('keeps the previous structure when a load fails, and shows where', async () => {
    const { fake, store } = setup();
    const first = store.getState().loadStructureData('water.xyz', '3\n\n…');
    fake.structures[0].resolve({ ok: true, structure: water() });
    await first;
    const second = store.getState().loadStructureFile(file('broken.xyz', '5\n\nC 0 0 0\n'));
    await flush();
    fake.structures[1].resolve({ ok: false, error: brokenError });
    await second;
    const state = store.getState().structure;
    expect(state.loaded?.name).toBe('water.xyz');
    expect(state.error).toMatchObject({
      source: 'broken.xyz',
      line: 5,
      column: 1,
      hint: 'Fix the count line.',
    });
    store.getState().dismissStructureError();
    expect(store.getState().structure.error).toBeNull();
  });

  it('rejects a file over the size limit without reading it', async () => {
    const { fake, store } = setup();
    let read = false;
    await store.getState().loadStructureFile({
      name: 'huge.xyz',
      size: MAX_STRUCTURE_BYTES + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    });
    expect(read).toBe(false);
    expect(fake.structures).toHaveLength(0);
    expect(store.getState().structure.error?.message).toMatch(/limit/);
  });

  it('keeps only the newest answer when loads overlap', async () => {
    const { fake, store } = setup();
    const a = store.getState().loadStructureData('a.xyz', 'a');
    const b = store.getState().loadStructureData('b.xyz', 'b');
    fake.structures[1].resolve({ ok: true, structure: { ...water(), name: 'b.xyz' } });
    fake.structures[0].resolve({ ok: true, structure: { ...water(), name: 'a.xyz' } });
    await Promise.all([a, b]);
    expect(store.getState().structure.loaded?.name).toBe('b.xyz');
  });

  it('reports an engine failure as an error and keeps the structure', async () => {
    const { fake, store } = setup();
    const first = store.getState().loadStructureData('water.xyz', 'x');
    fake.structures[0].resolve({ ok: true, structure: water() });
    await first;
    const second = store.getState().loadStructureData('x.xyz', 'x');
    fake.structures[1].reject(new Error('worker died'));
    await second;
    expect(store.getState().structure.loaded?.name).toBe('water.xyz');
    expect(store.getState().structure.error?.message).toBe('worker died');
  });

  it('builds a SMILES conformer, records its source, and keeps it when a bad SMILES follows', async () => {
    const { fake, store } = setup();
    const first = store.getState().loadStructureData('water.xyz', 'x', { kind: 'sample', file: 'water.xyz' });
    fake.structures[0].resolve({ ok: true, structure: water() });
    await first;
    expect(store.getState().structure.source).toEqual({ kind: 'sample', file: 'water.xyz' });
    store.getState().rotateStructure([0, 0, 1], Math.PI / 2);
    expect(store.getState().structure.rotation[1]).toBeCloseTo(-1, 12);

    const good = store.getState().loadSmiles(' CCO ', 5);
    expect(fake.structures[1].name).toBe('smiles:CCO');
    expect(fake.structures[1].data).toBe('5');
    fake.structures[1].resolve({ ok: true, structure: { ...water(), name: 'CCO', format: 'smiles' } });
    await good;
    expect(store.getState().structure.source).toEqual({ kind: 'smiles', smiles: 'CCO', seed: 5 });
    expect(store.getState().structure.rotation).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);

    const bad = store.getState().loadSmiles('CXq');
    fake.structures[2].resolve({ ok: false, error: { ...brokenError, line: 1, column: 2 } });
    await bad;
    expect(store.getState().structure.loaded?.name).toBe('CCO');
    expect(store.getState().structure.source).toEqual({ kind: 'smiles', smiles: 'CCO', seed: 5 });
    expect(store.getState().structure.error).toMatchObject({ source: 'SMILES CXq', column: 2 });
  });

  it('ignores rotations that are not finite 3×3 matrices', () => {
    const { store } = setup();
    store.getState().setStructureRotation([1, 0, 0, 0, Number.NaN, 0, 0, 0, 1]);
    store.getState().rotateStructure([0, 0, 0], 1);
    expect(store.getState().structure.rotation).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});
