import { describe, expect, it } from 'vitest';
import { GENERATOR_NAMES, type GeneratorName, generateDataset, generators } from './index';

describe('data set registry', () => {
  it('lists tetris, nbody and md', () => {
    expect(GENERATOR_NAMES).toEqual(['tetris', 'nbody', 'md']);
    for (const name of GENERATOR_NAMES) expect(generators[name].description.length).toBeGreaterThan(0);
  });

  it('applies the ci preset, then the config', () => {
    const nbody = generateDataset('nbody', { seed: 1, test: 3 }, 'ci');
    expect([nbody.train.length, nbody.validation.length, nbody.test.length]).toEqual([100, 50, 3]);
    const tetris = generateDataset('tetris', {}, 'ci');
    expect(tetris.test.length).toBe(8 * 4);
    const md = generateDataset('md', { system: 'water', equilibrationSteps: 10, strideSteps: 2 }, 'ci');
    expect(md.train.length).toBe(100);
  });

  it('returns plain data that survives structured cloning (postable from a Web Worker)', () => {
    const data = generateDataset('nbody', { train: 2, validation: 1, test: 1 });
    const copy = structuredClone(data);
    expect(copy).toEqual(data);
    expect(copy.train[0].structure.positions).toBeInstanceOf(Float64Array);
    expect(copy.train[0].structure.species).toBeInstanceOf(Int32Array);
  });

  it('rejects unknown names', () => {
    expect(() => generateDataset('qm9' as GeneratorName)).toThrow(RangeError);
  });
});
