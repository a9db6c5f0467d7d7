/**
 * The non-zero entries of e3nn's `wigner_3j(l1, l2, l3)`. Most entries vanish (m-selection in the
 * complex basis survives the real change of basis as a few couplings per (i, j)), so tensor
 * products loop over this list instead of the dense (2l1+1)(2l2+1)(2l3+1) cube.
 */
import { wigner3j } from './wigner3j';

export interface Cg3jEntry {
  /** Index m1 + l1 into input 1. */
  readonly i: number;
  /** Index m2 + l2 into input 2. */
  readonly j: number;
  /** Index m3 + l3 into the output. */
  readonly k: number;
  readonly c: number;
}

/** Below this magnitude an entry is float64 round-off of an exact zero. */
export const CG_ZERO_THRESHOLD = 1e-14;

const cache = new Map<string, readonly Cg3jEntry[]>();

/** Entries with |C| > 1e-14, ordered by (i, j, k). Memoised; the list is frozen. */
export function sparseWigner3j(l1: number, l2: number, l3: number): readonly Cg3jEntry[] {
  const key = `${l1},${l2},${l3}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const dense = wigner3j(l1, l2, l3);
  const [n2, n3] = [2 * l2 + 1, 2 * l3 + 1];
  const entries: Cg3jEntry[] = [];
  dense.forEach((c, index) => {
    if (Math.abs(c) <= CG_ZERO_THRESHOLD) return;
    entries.push(
      Object.freeze({ i: Math.floor(index / (n2 * n3)), j: Math.floor(index / n3) % n2, k: index % n3, c }),
    );
  });
  const frozen = Object.freeze(entries);
  cache.set(key, frozen);
  return frozen;
}
