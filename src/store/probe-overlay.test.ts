import { describe, expect, it } from 'vitest';
import type { CustomResult } from '../engine/types';
import { linearPart, sideBySideVectors } from './probe-overlay';
import { axisAngleMatrix } from './rotation';

function result(
  transformation: CustomResult['transformation'],
  actual: number[],
  expected: number[],
): CustomResult {
  return {
    transformation,
    error: 0,
    verdict: 'equivariant',
    outputs: [],
    positions: [],
    values: [{ name: 'forces', irreps: '1o', perAtom: true, actual, expected }],
  };
}

describe('probe overlay', () => {
  it('composes linear parts and atom orders (steps[0] first)', () => {
    const { L, order } = linearPart(
      {
        kind: 'composition',
        steps: [
          { kind: 'permutation', order: [1, 2, 0] },
          { kind: 'reflection', normal: [0, 0, 2] },
          { kind: 'permutation', order: [2, 1, 0] },
        ],
      },
      3,
    );
    expect(L).toEqual([1, 0, 0, 0, 1, 0, 0, 0, -1]);
    // After [1,2,0], atom i is input p1[i]; after [2,1,0], atom i is input p1[p2[i]].
    expect(order).toEqual([0, 2, 1]);
  });

  it('maps f(g·x) of a rotation back to the frame of x', () => {
    const R = axisAngleMatrix([0, 0, 1], Math.PI / 2) ?? [];
    // f(x) = (1, 0, 0) on both atoms; an equivariant f gives f(Rx) = R f(x) = (0, 1, 0).
    const r = result({ kind: 'rotation', matrix: R }, [0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 1, 0]);
    const side = sideBySideVectors(r, 2);
    expect(side?.name).toBe('forces');
    for (const v of [side?.actual, side?.expected]) {
      expect(v?.[0]).toBeCloseTo(1, 12);
      expect(v?.[1]).toBeCloseTo(0, 12);
    }
  });

  it('puts permuted rows back in the input order', () => {
    const r = result({ kind: 'permutation', order: [1, 0] }, [2, 2, 2, 1, 1, 1], [2, 2, 2, 1, 1, 1]);
    expect(Array.from(sideBySideVectors(r, 2)?.actual ?? [])).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('finds no vectors in a scalar-only result', () => {
    const r = result({ kind: 'translation', vector: [1, 0, 0] }, [1, 2], [1, 2]);
    r.values[0] = { ...r.values[0], irreps: '0e' };
    expect(sideBySideVectors(r, 2)).toBeNull();
  });
});
