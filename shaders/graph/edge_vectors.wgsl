// Edge geometry, forward: for every edge e (sender → receiver),
//   vectors[e] = pos[sender_e] − pos[receiver_e]   (e3nn: edge_vec = pos[edge_src] − pos[edge_dst]),
//   lengths[e] = |vectors[e]|.
// Positions and vectors are packed x, y, z. Twin: edgeVectors64 in src/reference/edge-geometry.ts.
struct Params {
  edges: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> positions: array<f32>;
@group(0) @binding(2) var<storage, read> senders: array<u32>;
@group(0) @binding(3) var<storage, read> receivers: array<u32>;
@group(0) @binding(4) var<storage, read_write> vectors: array<f32>;
@group(0) @binding(5) var<storage, read_write> lengths: array<f32>;

fn position(i: u32) -> vec3<f32> {
  return vec3<f32>(positions[3u * i], positions[3u * i + 1u], positions[3u * i + 2u]);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * (nwg.x * WG);
  if (e >= params.edges) {
    return;
  }
  let v = position(senders[e]) - position(receivers[e]);
  vectors[3u * e] = v.x;
  vectors[3u * e + 1u] = v.y;
  vectors[3u * e + 2u] = v.z;
  lengths[e] = length(v);
}
