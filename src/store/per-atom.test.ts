import { describe, expect, it } from 'vitest';
import type { StructureFrameData } from '../engine/types';
import { frameChannels } from './per-atom';

const water: StructureFrameData = {
  positions: new Float64Array([0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]),
  elements: ['O', 'H', 'H'],
  bonds: new Uint32Array([0, 1, 0, 2]),
  bondsInferred: true,
  forces: new Float64Array([0, 0, 1, 0, 0, -1, 0, 0, 0]),
  properties: {
    charge: new Float64Array([-0.8, 0.4, 0.4]),
    dipole: new Float64Array(9).fill(1),
    bad: new Float64Array(2),
  },
};

describe('frameChannels', () => {
  it('offers coordination, distance, forces and the per-atom file columns', () => {
    const channels = frameChannels(water, true);
    expect(channels.map((c) => [c.label, c.kind])).toEqual([
      ['Coordination number', 'scalar'],
      ['Distance from centre (Å)', 'scalar'],
      ['Forces (file)', 'vector'],
      ['charge (file)', 'scalar'],
      ['dipole (file)', 'vector'],
    ]);
    expect(Array.from(channels[0].values)).toEqual([2, 1, 1]);
    const d = channels[1].values;
    expect(d[1]).toBeCloseTo(Math.hypot(0.96 - 0.24, -0.31), 12);
  });

  it('leaves out coordination for point clouds', () => {
    const cloud = {
      ...water,
      elements: [],
      bonds: new Uint32Array(0),
      forces: undefined,
      properties: undefined,
    };
    expect(frameChannels(cloud, false).map((c) => c.label)).toEqual(['Distance from centre (Å)']);
  });
});
