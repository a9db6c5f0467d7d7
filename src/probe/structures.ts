/**
 * Structures for the workbench models: element symbols → a small species table, parsed frames
 * → `Structure`, and seeded random molecules-like clusters for the probe.
 */

import type { Frame } from '../data/formats/types';
import type { Structure } from '../data/generators/types';
import type { Rng } from '../util/random';

/**
 * The workbench species: one index per common element of organic and small inorganic
 * molecules, and a last index shared by every other element and by points without an element
 * (point clouds).
 */
export const WORKBENCH_ELEMENTS = ['H', 'C', 'N', 'O', 'F', 'P', 'S', 'Cl'] as const;
export const OTHER_SPECIES = WORKBENCH_ELEMENTS.length;
export const WORKBENCH_NUM_SPECIES = WORKBENCH_ELEMENTS.length + 1;

export function speciesOf(element: string): number {
  const i = (WORKBENCH_ELEMENTS as readonly string[]).indexOf(element);
  return i >= 0 ? i : OTHER_SPECIES;
}

/** A parsed frame (molecule or point cloud) as a model input. */
export function structureFromFrame(frame: Pick<Frame, 'positions' | 'elements'>): Structure {
  const n = frame.positions.length / 3;
  return {
    positions: Float64Array.from(frame.positions),
    species: Int32Array.from({ length: n }, (_, i) => speciesOf(frame.elements[i] ?? '')),
  };
}

/** Elements of random structures, with rough organic proportions. */
const RANDOM_ELEMENTS = ['C', 'C', 'H', 'H', 'H', 'N', 'O'] as const;
/** No two random atoms are closer than this (Å): a bonded H–H is 0.74, C–H 1.09. */
export const RANDOM_MIN_DISTANCE = 0.9;
/** Volume per random atom (Å³), near liquid water's 30 Å³ per molecule of three atoms. */
const VOLUME_PER_ATOM = 10;

/**
 * `n` atoms placed uniformly in a cube of n·10 Å³, each at least 0.9 Å from the others
 * (rejection sampling; the cube grows if it gets too crowded), elements drawn from C, H, N, O.
 */
export function randomStructure(rng: Rng, n: number): { structure: Structure; elements: string[] } {
  if (!(Number.isInteger(n) && n >= 1))
    throw new RangeError(`random structure: n must be an integer ≥ 1, got ${n}`);
  let side = Math.cbrt(n * VOLUME_PER_ATOM);
  const positions = new Float64Array(3 * n);
  const minSq = RANDOM_MIN_DISTANCE ** 2;
  for (let i = 0; i < n; i++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 && attempt % 200 === 0) side *= 1.1;
      const p = [rng.uniform(0, side), rng.uniform(0, side), rng.uniform(0, side)];
      let ok = true;
      for (let j = 0; j < i && ok; j++) {
        const d =
          (positions[3 * j] - p[0]) ** 2 +
          (positions[3 * j + 1] - p[1]) ** 2 +
          (positions[3 * j + 2] - p[2]) ** 2;
        ok = d >= minSq;
      }
      if (ok) {
        positions.set(p, 3 * i);
        break;
      }
    }
  }
  const elements = Array.from(
    { length: n },
    () => RANDOM_ELEMENTS[rng.int(RANDOM_ELEMENTS.length)] as string,
  );
  return { structure: { positions, species: Int32Array.from(elements, speciesOf) }, elements };
}
