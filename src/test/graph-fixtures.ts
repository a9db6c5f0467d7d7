import { expect } from 'vitest';
import type { RadiusGraph } from '../data/graph/radius-graph-cpu';
import type { Rng } from '../util/random';

/** Positions (3 per atom, exactly representable in float32) and the structure of each atom. */
export interface Cloud {
  positions: Float64Array;
  graphIndex: Int32Array;
}

/** Index of the first difference, or -1 (vitest's deep equality is slow on long typed arrays). */
export function firstDifference(want: ArrayLike<number>, got: ArrayLike<number>): number {
  const n = Math.min(want.length, got.length);
  for (let i = 0; i < n; i++) if (want[i] !== got[i]) return i;
  return want.length === got.length ? -1 : n;
}

/** Same edges in the same order, same offsets. */
export function expectSameGraph(want: RadiusGraph, got: RadiusGraph): void {
  expect(got.numNodes).toBe(want.numNodes);
  expect(got.senders.length).toBe(want.senders.length);
  expect(firstDifference(want.receiverOffsets, got.receiverOffsets)).toBe(-1);
  expect(firstDifference(want.receivers, got.receivers)).toBe(-1);
  expect(firstDifference(want.senders, got.senders)).toBe(-1);
}

/**
 * Draws `count` atoms with `draw(i)` (rounded to float32), redrawing any atom whose distance
 * to an accepted atom of the same structure lies within a relative `band` of the cutoff, so
 * float32 and float64 distance tests agree on every pair. A dense cell grid over the first
 * draws' bounding box (redraws outside it are redrawn again) keeps it O(count).
 */
export function cloudAwayFromCutoff(
  count: number,
  cutoff: number,
  draw: (i: number) => [number, number, number],
  structureOf: (i: number) => number = () => 0,
  band = 1e-4,
): Cloud {
  const positions = new Float64Array(3 * count);
  const graphIndex = Int32Array.from({ length: count }, (_, i) => structureOf(i));
  if (count === 0) return { positions, graphIndex };
  const first = Array.from({ length: count }, (_, i) => draw(i).map(Math.fround));
  const lo = [0, 1, 2].map((c) => first.reduce((m, p) => Math.min(m, p[c]), Number.POSITIVE_INFINITY));
  const hi = [0, 1, 2].map((c) => first.reduce((m, p) => Math.max(m, p[c]), Number.NEGATIVE_INFINITY));
  const cellSize = cutoff * (1 + 2 * band);
  // One empty cell of padding on every side, so the 27-cell search never leaves the grid.
  const dims = [0, 1, 2].map((c) => Math.floor((hi[c] - lo[c]) / cellSize) + 3);
  if (dims[0] * dims[1] * dims[2] > 2e7) throw new RangeError('cloud too sparse for a dense test grid');
  const head = new Int32Array(dims[0] * dims[1] * dims[2]).fill(-1);
  const next = new Int32Array(count);
  const cellIndex = (p: number[]) => {
    const c = [0, 1, 2].map((k) => Math.floor((p[k] - lo[k]) / cellSize) + 1);
    if (c.some((v, k) => v < 1 || v > dims[k] - 2)) return -1;
    return (c[2] * dims[1] + c[1]) * dims[0] + c[0];
  };
  const [lowSq, highSq] = [(cutoff * (1 - band)) ** 2, (cutoff * (1 + band)) ** 2];
  const admissible = (p: number[], atom: number, cell: number) => {
    for (let d = 0; d < 27; d++) {
      const near =
        cell + ((Math.floor(d / 9) - 1) * dims[1] + (Math.floor(d / 3) % 3) - 1) * dims[0] + (d % 3) - 1;
      for (let j = head[near]; j >= 0; j = next[j]) {
        const dx = positions[3 * j] - p[0];
        const dy = positions[3 * j + 1] - p[1];
        const dz = positions[3 * j + 2] - p[2];
        const dSq = dx * dx + dy * dy + dz * dz;
        if (graphIndex[j] === graphIndex[atom] && dSq > lowSq && dSq < highSq) return false;
      }
    }
    return true;
  };
  for (let i = 0; i < count; i++) {
    let p = first[i];
    for (let attempt = 0; ; attempt++) {
      if (attempt === 100) throw new Error(`no admissible position for atom ${i}`);
      const cell = cellIndex(p);
      if (cell >= 0 && admissible(p, i, cell)) {
        positions.set(p, 3 * i);
        next[i] = head[cell];
        head[cell] = i;
        break;
      }
      p = draw(i).map(Math.fround);
    }
  }
  return { positions, graphIndex };
}

/** Uniform in the box [0, side)³, optionally shifted so that coordinates are negative too. */
export const uniformDraw =
  (rng: Rng, side: number, shift = 0) =>
  (): [number, number, number] => [
    rng.uniform(0, side) - shift,
    rng.uniform(0, side) - shift,
    rng.uniform(0, side) - shift,
  ];

/** Gaussian blobs of width `sigma` around `centres` random centres in [0, side)³. */
export function clusteredDraw(rng: Rng, centres: number, side: number, sigma: number) {
  const c = rng.uniforms(3 * centres, 0, side);
  return (): [number, number, number] => {
    const k = rng.int(centres);
    return [
      c[3 * k] + sigma * rng.normal(),
      c[3 * k + 1] + sigma * rng.normal(),
      c[3 * k + 2] + sigma * rng.normal(),
    ];
  };
}

/** e3nn's Tetris shapes (unit cubes; chiral pair included): 4 atoms each, neighbours at distance 1. */
// biome-ignore format: one shape per line
export const TETRIS_SHAPES: readonly (readonly [number, number, number])[][] = [
  [[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, 1, 0]],
  [[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, -1, 0]],
  [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]],
  [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 0, 3]],
  [[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]],
  [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 0]],
  [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 1]],
  [[0, 0, 0], [1, 0, 0], [1, 1, 0], [2, 1, 0]],
];

/**
 * Neighbour count of every atom of one structure (|pos_j − pos_i|² < cutoff², j ≠ i) in
 * float64 through a dense cell grid: an O(n) check of a large GPU graph's degrees.
 */
export function neighbourCounts(positions: Float64Array, cutoff: number): Uint32Array {
  const n = positions.length / 3;
  const lo = [0, 1, 2].map((c) =>
    positions.reduce((m, v, k) => (k % 3 === c ? Math.min(m, v) : m), Infinity),
  );
  const hi = [0, 1, 2].map((c) =>
    positions.reduce((m, v, k) => (k % 3 === c ? Math.max(m, v) : m), -Infinity),
  );
  const dims = [0, 1, 2].map((c) => Math.floor((hi[c] - lo[c]) / cutoff) + 3);
  const cellOf = (i: number) => {
    const c = [0, 1, 2].map((k) => Math.floor((positions[3 * i + k] - lo[k]) / cutoff) + 1);
    return (c[2] * dims[1] + c[1]) * dims[0] + c[0];
  };
  const head = new Int32Array(dims[0] * dims[1] * dims[2]).fill(-1);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = head[cellOf(i)];
    head[cellOf(i)] = i;
  }
  const counts = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const home = cellOf(i);
    for (let d = 0; d < 27; d++) {
      const near =
        home + ((Math.floor(d / 9) - 1) * dims[1] + (Math.floor(d / 3) % 3) - 1) * dims[0] + (d % 3) - 1;
      for (let j = head[near]; j >= 0; j = next[j]) {
        const dx = positions[3 * j] - positions[3 * i];
        const dy = positions[3 * j + 1] - positions[3 * i + 1];
        const dz = positions[3 * j + 2] - positions[3 * i + 2];
        if (j !== i && dx * dx + dy * dy + dz * dz < cutoff * cutoff) counts[i]++;
      }
    }
  }
  return counts;
}
