// counts[keys[i]] += 1 for i < n (keys ≥ num_keys are dropped): the histogram that starts a
// counting sort (src/kernels/group-by-key.ts). Integer atomics only; a count does not depend on
// the order of the increments, so the result is deterministic.
struct Params {
  n: u32,
  num_keys: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let key = keys[i];
  if (key < params.num_keys) {
    atomicAdd(&counts[key], 1u);
  }
}
