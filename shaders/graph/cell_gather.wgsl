// Copies every atom's position and cell into bucket order (atoms grouped by hash bucket,
// ascending within one), so the neighbour search reads candidates contiguously and adjacent
// invocations, which handle atoms of the same cell, walk the same buckets in step.
//   sorted_points[k] = (pos_j, 0),  sorted_cells[k] = cells[j]   for j = bucket_atoms[k].
struct Params {
  n: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> positions: array<f32>;
@group(0) @binding(2) var<storage, read> cells: array<vec4<i32>>;
@group(0) @binding(3) var<storage, read> bucket_atoms: array<u32>;
@group(0) @binding(4) var<storage, read_write> sorted_points: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> sorted_cells: array<vec4<i32>>;

/** Atom i's position from positions packed as x, y, z per atom. */
fn atom_position(i: u32) -> vec3<f32> {
  return vec3<f32>(positions[3u * i], positions[3u * i + 1u], positions[3u * i + 2u]);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let k = gid.x + gid.y * (nwg.x * WG);
  if (k >= params.n) {
    return;
  }
  let j = bucket_atoms[k];
  sorted_points[k] = vec4<f32>(atom_position(j), 0.0);
  sorted_cells[k] = cells[j];
}
