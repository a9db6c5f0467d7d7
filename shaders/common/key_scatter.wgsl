// order[offsets[k] + slot] = i for every i < n with keys[i] = k < num_keys, the slot taken from
// an atomic cursor per key (cleared to zero beforehand). Slots within a key depend on thread
// timing; segment_sort.wgsl then sorts each key's group ascending, so the final order is
// deterministic (src/kernels/group-by-key.ts).
struct Params {
  n: u32,
  num_keys: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read_write> cursors: array<atomic<u32>>;
@group(0) @binding(4) var<storage, read_write> order: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let key = keys[i];
  if (key < params.num_keys) {
    order[offsets[key] + atomicAdd(&cursors[key], 1u)] = i;
  }
}
