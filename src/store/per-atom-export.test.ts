import { describe, expect, it } from 'vitest';
import type { StructureFrameData } from '../engine/types';
import { perAtomCsv, perAtomJson } from './per-atom-export';

const frame: StructureFrameData = {
  positions: new Float64Array([0, 0, 0, 1, 0, 0]),
  elements: ['O', 'H'],
  bonds: new Uint32Array([0, 1]),
  bondsInferred: true,
};
const channels = [
  { label: 'q, "charge"', kind: 'scalar' as const, values: new Float64Array([-0.5, Number.NaN]) },
  { label: 'F', kind: 'vector' as const, values: new Float64Array([1, 2, 3, 4, 5, 6]) },
];

describe('per-atom export', () => {
  it('writes CSV with one row per atom, vectors as three columns, quoted labels', () => {
    expect(perAtomCsv(frame, channels)).toBe(
      'index,element,x,y,z,"q, ""charge""",F x,F y,F z\n0,O,0,0,0,-0.5,1,2,3\n1,H,1,0,0,,4,5,6\n',
    );
  });

  it('writes JSON that reads back, NaN as null', () => {
    const json = JSON.parse(perAtomJson(frame, channels, { structure: 'water' }));
    expect(json).toMatchObject({ structure: 'water', atoms: 2, elements: ['O', 'H'] });
    expect(json.channels[0].values).toEqual([-0.5, null]);
    expect(json.channels[1]).toEqual({ label: 'F', kind: 'vector', values: [1, 2, 3, 4, 5, 6] });
  });
});
