// Cell and hash bucket of every atom (first step of the radius graph, src/kernels/radius-graph.ts):
//   cells[i]   = (floor(pos_i / cell_size), structure_i)   as vec4<i32>,
//   buckets[i] = cell_bucket(cell, structure, table_mask).
// Computed once and stored, so the count and write passes see identical cells.
// Expects cell_hash.wgsl prepended.
struct Params {
  n: u32,
  table_mask: u32,
  inv_cell_size: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> positions: array<f32>;
@group(0) @binding(2) var<storage, read> graph_index: array<u32>;
@group(0) @binding(3) var<storage, read_write> cells: array<vec4<i32>>;
@group(0) @binding(4) var<storage, read_write> buckets: array<u32>;

/** Atom i's position from positions packed as x, y, z per atom. */
fn atom_position(i: u32) -> vec3<f32> {
  return vec3<f32>(positions[3u * i], positions[3u * i + 1u], positions[3u * i + 2u]);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  // f32 → i32 conversion saturates, so far-away atoms clamp instead of wrapping.
  let c = vec3<i32>(floor(atom_position(i) * params.inv_cell_size));
  let g = graph_index[i];
  cells[i] = vec4<i32>(c, bitcast<i32>(g));
  buckets[i] = cell_bucket(c, g, params.table_mask);
}
