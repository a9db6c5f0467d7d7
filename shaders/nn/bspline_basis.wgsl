// Cubic B-spline radial basis on uniform knots times NequIP's polynomial envelope:
//   out[e, k] = β3(r_e / h − k + 1) · u(r_e / rc),  centres (k − 1)·h, h = rc / (K − 3),
// β3 the centred cardinal cubic B-spline (support [−2, 2]), u = 0 for r ≥ rc.
// One invocation per output element; bspline_common.wgsl is prepended. Twin: src/ops/bspline-basis.ts.
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> lengths: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

// The polynomial envelope u(x), 0 beyond the cutoff (polynomial_cutoff.wgsl is prepended).
fn envelope(x: f32) -> f32 {
  if (x >= 1.0) {
    return 0.0;
  }
  return polynomial_cutoff(x, params.p).x;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let e = i / params.count;
  let k = i % params.count;
  let r = lengths[e];
  let t = r / params.step - f32(k) + 1.0;
  out[i] = cubic(t) * envelope(r / params.cutoff);
}
