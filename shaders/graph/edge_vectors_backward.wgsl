// Edge geometry, backward: ∂L/∂pos from ∂L/∂vec with vec_e = pos[sender_e] − pos[receiver_e],
//   grad_positions[i] = Σ_{e : sender_e = i} g_e  −  Σ_{e : receiver_e = i} g_e,
// one invocation per node. No scatter and no float atomics: node i walks its outgoing edges
// through the sender index (sender_order[sender_offsets[i] .. sender_offsets[i+1]], ascending
// edge ids) and its incoming edges, which are contiguous because edges are sorted by receiver.
// Each sum runs in a fixed order, so the result is bitwise reproducible.
// Twin: edgeVectorsBackward64 in src/reference/edge-geometry.ts.
struct Params {
  nodes: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> grad_vectors: array<f32>;
@group(0) @binding(2) var<storage, read> sender_order: array<u32>;
@group(0) @binding(3) var<storage, read> sender_offsets: array<u32>;
@group(0) @binding(4) var<storage, read> receiver_offsets: array<u32>;
@group(0) @binding(5) var<storage, read_write> grad_positions: array<f32>;

fn edge_grad(e: u32) -> vec3<f32> {
  return vec3<f32>(grad_vectors[3u * e], grad_vectors[3u * e + 1u], grad_vectors[3u * e + 2u]);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.nodes) {
    return;
  }
  var outgoing = vec3<f32>(0.0);
  for (var k = sender_offsets[i]; k < sender_offsets[i + 1u]; k++) {
    outgoing += edge_grad(sender_order[k]);
  }
  var incoming = vec3<f32>(0.0);
  for (var e = receiver_offsets[i]; e < receiver_offsets[i + 1u]; e++) {
    incoming += edge_grad(e);
  }
  let g = outgoing - incoming;
  grad_positions[3u * i] = g.x;
  grad_positions[3u * i + 1u] = g.y;
  grad_positions[3u * i + 2u] = g.z;
}
