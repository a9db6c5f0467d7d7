/**
 * Groups positions by an integer key (a stable counting sort): `order` lists the positions i
 * with keys[i] = k for k = 0, 1, … in turn, ascending within a key, and `offsets[k] ..
 * offsets[k+1]` bounds key k's group (numKeys + 1 entries). Keys ≥ numKeys are dropped, so
 * order.length = offsets[numKeys]. Twin of src/kernels/group-by-key.ts; the same arrays as
 * SegmentIndex.build(keys, numKeys) when every key is in range.
 */
export function groupByKey(
  keys: ArrayLike<number>,
  numKeys: number,
): { order: Uint32Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(numKeys + 1);
  for (let i = 0; i < keys.length; i++) if (keys[i] < numKeys) offsets[keys[i] + 1]++;
  for (let k = 0; k < numKeys; k++) offsets[k + 1] += offsets[k];
  const cursor = offsets.slice(0, numKeys);
  const order = new Uint32Array(offsets[numKeys]);
  for (let i = 0; i < keys.length; i++) if (keys[i] < numKeys) order[cursor[keys[i]]++] = i;
  return { order, offsets };
}

/** Sorts each segment values[offsets[s] .. offsets[s+1]) ascending (twin of segment_sort.wgsl). */
export function sortSegments(values: Uint32Array, offsets: ArrayLike<number>): Uint32Array {
  const out = values.slice();
  for (let s = 0; s + 1 < offsets.length; s++) out.subarray(offsets[s], offsets[s + 1]).sort();
  return out;
}
