// Gather along the middle axis of x viewed as [outer, src_count, inner]:
//   out[o, e, c] = x[o, index[e], c]      for e < count.
// Rows of a node table (outer = 1, inner = features) and columns of a feature matrix
// (inner = 1) are the same kernel. Its adjoint is segment_sum.wgsl. Twin: src/ops/gather.ts.
struct Params {
  outer: u32,
  count: u32,
  inner: u32,
  src_count: u32,
  n: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> index: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let c = i % params.inner;
  let e = (i / params.inner) % params.count;
  let o = i / (params.inner * params.count);
  out[i] = x[(o * params.src_count + index[e]) * params.inner + c];
}
