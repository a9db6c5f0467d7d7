// Shared by cell_assign.wgsl and neighbours.wgsl (src/kernels/radius-graph.ts prepends this
// file to both; it has no entry point). Atoms live in a uniform grid of cubic cells with edge
// ≥ cutoff, keyed by (structure, cell): the key is hashed into a power-of-two table of buckets
// so that no bounding box or per-structure grid has to be known in advance. Collisions only
// add candidates: the neighbour search checks each candidate's exact cell and structure.

/** Bucket of cell `c` of structure `g` in a table of mask + 1 buckets. */
fn cell_bucket(c: vec3<i32>, g: u32, mask: u32) -> u32 {
  let u = bitcast<vec3<u32>>(c);
  var h = (u.x * 73856093u) ^ (u.y * 19349663u) ^ (u.z * 83492791u) ^ (g * 2654435761u);
  // Final avalanche (from the "lowbias32" integer hash) so the low bits depend on every input bit.
  h = (h ^ (h >> 16u)) * 0x7feb352du;
  h = (h ^ (h >> 15u)) * 0x846ca68bu;
  return (h ^ (h >> 16u)) & mask;
}
