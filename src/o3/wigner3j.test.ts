import { describe, expect, it } from 'vitest';
import { maxAbsDiff, relativeError } from '../test/compare';
import { loadRefdata } from '../test/refdata';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { randomRotation } from './rotation';
import { wignerDFromMatrix } from './wigner';
import { isValidTriple, wigner3j } from './wigner3j';

interface W3jEntry {
  l1: number;
  l2: number;
  l3: number;
  shape: [number, number, number];
  C: number[][][];
}

interface W3jFile {
  all_l_le_4: W3jEntry[];
  selected_l_le_6: W3jEntry[];
}

/** out[l,m,n] = Σ C[i,j,k] D1[i,l] D2[j,m] D3[k,n], one index at a time. */
function rotateTensor(c: Float64Array, l1: number, l2: number, l3: number, R: Float64Array): Float64Array {
  const dims = [2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1];
  const ds = [l1, l2, l3].map((l) => wignerDFromMatrix(l, R));
  let tensor = c;
  for (let axis = 0; axis < 3; axis++) {
    const [before, size, after] = [
      dims.slice(0, axis).reduce((a, b) => a * b, 1),
      dims[axis],
      dims.slice(axis + 1).reduce((a, b) => a * b, 1),
    ];
    const d = ds[axis];
    const out = new Float64Array(tensor.length);
    for (let b = 0; b < before; b++) {
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const dij = d[i * size + j];
          if (dij === 0) continue;
          for (let a = 0; a < after; a++)
            out[(b * size + j) * after + a] += tensor[(b * size + i) * after + a] * dij;
        }
      }
    }
    tensor = out;
  }
  return tensor;
}

function validTriples(lmax: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let l1 = 0; l1 <= lmax; l1++) {
    for (let l2 = 0; l2 <= lmax; l2++) {
      for (let l3 = Math.abs(l1 - l2); l3 <= Math.min(l1 + l2, lmax); l3++) out.push([l1, l2, l3]);
    }
  }
  return out;
}

describe('wigner3j', () => {
  const ref = loadRefdata<W3jFile>('w3j.json');

  it.each(['all_l_le_4', 'selected_l_le_6'] as const)('matches e3nn exactly, signs included (%s)', (key) => {
    const entries = ref[key];
    expect(entries.length).toBeGreaterThan(0);
    for (const { l1, l2, l3, shape, C } of entries) {
      const got = wigner3j(l1, l2, l3);
      expect(got.length).toBe(shape[0] * shape[1] * shape[2]);
      // absolute, elementwise: a flipped sign would show up as an error of 2|C_ijk|
      expect(maxAbsDiff(C.flat(2), got)).toBeLessThan(TOL.f64Tight);
    }
  });

  it('covers every valid triple with l ≤ 4 in the reference file', () => {
    expect(ref.all_l_le_4.length).toBe(validTriples(4).length);
  });

  it('has Frobenius norm 1', () => {
    for (const [l1, l2, l3] of [
      [0, 0, 0],
      [1, 1, 1],
      [3, 5, 7],
      [8, 8, 8],
      [10, 4, 9],
    ]) {
      const c = wigner3j(l1, l2, l3);
      expect(Math.abs(Math.hypot(...c) - 1)).toBeLessThan(TOL.f64Tight);
    }
  });

  it('is invariant under random rotations for every triple with l ≤ 6', () => {
    const rng = new Rng(31);
    const triples = validTriples(6);
    for (const [l1, l2, l3] of triples) {
      const c = wigner3j(l1, l2, l3);
      const rotated = rotateTensor(c, l1, l2, l3, randomRotation(rng));
      expect(relativeError(c, rotated)).toBeLessThan(TOL.f64);
    }
  });

  it.each([
    [8, 8, 8],
    [10, 3, 9],
    [12, 12, 1],
  ])('is invariant at higher l: (%i, %i, %i)', (l1, l2, l3) => {
    const rng = new Rng(l1 * 100 + l2 * 10 + l3);
    const c = wigner3j(l1, l2, l3);
    expect(relativeError(c, rotateTensor(c, l1, l2, l3, randomRotation(rng)))).toBeLessThan(TOL.f64);
  });

  it('picks up (−1)^(l1+l2+l3) when l1 and l2 swap, like the textbook 3j symbol', () => {
    for (const [l1, l2, l3] of [
      [1, 2, 2],
      [2, 3, 4],
      [1, 3, 3],
    ]) {
      const [n1, n2, n3] = [2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1];
      const c = wigner3j(l1, l2, l3);
      const sign = (-1) ** (l1 + l2 + l3);
      const want = new Float64Array(c.length); // sign · C[j, i, k]
      for (let i = 0; i < n1; i++) {
        for (let j = 0; j < n2; j++) {
          for (let k = 0; k < n3; k++) want[(j * n1 + i) * n3 + k] = sign * c[(i * n2 + j) * n3 + k];
        }
      }
      expect(maxAbsDiff(want, wigner3j(l2, l1, l3))).toBeLessThan(TOL.f64Tight);
    }
  });

  it('rejects triples that break the triangle rule', () => {
    expect(isValidTriple(1, 1, 3)).toBe(false);
    expect(isValidTriple(3, 1, 1)).toBe(false);
    expect(isValidTriple(2, 1, 1)).toBe(true);
    expect(() => wigner3j(1, 1, 3)).toThrow(/\|l2 − l3\| ≤ l1 ≤ l2 \+ l3/);
    expect(() => wigner3j(4, 1, 2)).toThrow(RangeError);
    expect(() => wigner3j(-1, 0, 1)).toThrow(RangeError);
  });

  it('memoises without letting callers corrupt the cache', () => {
    const first = wigner3j(2, 2, 2);
    const want = first.slice();
    first.fill(7);
    expect(wigner3j(2, 2, 2)).toEqual(want);
  });
});
