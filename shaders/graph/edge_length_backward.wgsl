// Edge geometry, backward through the lengths: folds ∂L/∂len into ∂L/∂vec, per edge,
//   grad_vectors[e] += grad_lengths[e] · vectors[e] / lengths[e]      (nothing when len = 0,
// where |·| has no gradient), so that edge_vectors_backward.wgsl carries both to the positions.
struct Params {
  edges: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> vectors: array<f32>;
@group(0) @binding(2) var<storage, read> lengths: array<f32>;
@group(0) @binding(3) var<storage, read> grad_lengths: array<f32>;
@group(0) @binding(4) var<storage, read_write> grad_vectors: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * (nwg.x * WG);
  if (e >= params.edges || lengths[e] <= 0.0) {
    return;
  }
  let scale = grad_lengths[e] / lengths[e];
  for (var c = 0u; c < 3u; c++) {
    grad_vectors[3u * e + c] = fma(scale, vectors[3u * e + c], grad_vectors[3u * e + c]);
  }
}
