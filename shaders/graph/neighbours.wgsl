// Neighbour search of the radius graph (src/kernels/radius-graph.ts), one invocation per atom
// in bucket order (invocation k handles receiver i = bucket_atoms[k], so neighbouring lanes
// share cells and loop counts), in two passes over the same loop so that they cannot disagree:
//   count pass (write_pass = 0): counts[i] = |N(i)|,
//   write pass (write_pass = 1): senders[offsets[i] .. offsets[i+1]) = N(i), unsorted,
// where N(i) = { j ≠ i in i's structure : |pos_j − pos_i|² < cutoff² } (strict, in f32).
// Candidates come from the 27 cells around i's cell, found through their hash buckets. A
// candidate counts only when its stored cell (and structure) is exactly the cell being visited,
// so a bucket reached twice through a hash collision never yields a duplicate.
// Expects cell_hash.wgsl prepended.
struct Params {
  n: u32,
  table_mask: u32,
  cutoff_sq: f32,
  write_pass: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> sorted_points: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> sorted_cells: array<vec4<i32>>;
@group(0) @binding(3) var<storage, read> bucket_atoms: array<u32>;
@group(0) @binding(4) var<storage, read> bucket_offsets: array<u32>;
// Count pass: counts (n). Write pass: receiver offsets (n + 1), only read.
@group(0) @binding(5) var<storage, read_write> counts_or_offsets: array<u32>;
// Write pass: the senders of every edge. Count pass: a placeholder, never written.
@group(0) @binding(6) var<storage, read_write> senders: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = gid.x + gid.y * (nwg.x * WG);
  if (t >= params.n) {
    return;
  }
  let writing = params.write_pass == 1u;
  let i = bucket_atoms[t];
  let home = sorted_cells[t];
  let p = sorted_points[t].xyz;
  var base = 0u;
  if (writing) {
    base = counts_or_offsets[i];
  }
  var found = 0u;
  for (var dz = -1; dz <= 1; dz++) {
    for (var dy = -1; dy <= 1; dy++) {
      for (var dx = -1; dx <= 1; dx++) {
        let cell = vec4<i32>(home.xyz + vec3<i32>(dx, dy, dz), home.w);
        let b = cell_bucket(cell.xyz, bitcast<u32>(home.w), params.table_mask);
        for (var k = bucket_offsets[b]; k < bucket_offsets[b + 1u]; k++) {
          if (k == t || any(sorted_cells[k] != cell)) {
            continue;
          }
          let d = sorted_points[k].xyz - p;
          if (dot(d, d) < params.cutoff_sq) {
            if (writing) {
              senders[base + found] = bucket_atoms[k];
            }
            found++;
          }
        }
      }
    }
  }
  if (!writing) {
    counts_or_offsets[i] = found;
  }
}
