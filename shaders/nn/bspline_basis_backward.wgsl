// Gradient of the B-spline radial basis w.r.t. the lengths (so forces reach positions):
//   g[e] = Σ_k gy[e, k] · (β3'(t_k)/h · u(x) + β3(t_k) · u'(x)/rc),  t_k = r/h − k + 1, x = r/rc,
// u'(x) = −p(p+1)(p+2)/2 · x^(p−1) · (1 − x)², and 0 for x ≥ 1. One invocation per edge.
// bspline_common.wgsl is prepended. Twin: src/ops/bspline-basis.ts.
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> lengths: array<f32>;
@group(0) @binding(2) var<storage, read> gy: array<f32>;
@group(0) @binding(3) var<storage, read_write> gr: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * (nwg.x * WG);
  if (e >= params.edges) {
    return;
  }
  let r = lengths[e];
  let x = r / params.cutoff;
  if (x >= 1.0) {
    gr[e] = 0.0;
    return;
  }
  // polynomial_cutoff.wgsl is prepended: (u, du/dx) without cancellation near the cutoff.
  let env = polynomial_cutoff(x, params.p);
  let u = env.x;
  let du = env.y / params.cutoff;
  var acc = 0.0;
  for (var k = 0u; k < params.count; k++) {
    let t = r / params.step - f32(k) + 1.0;
    let d = cubicDerivative(t) / params.step * u + cubic(t) * du;
    acc = fma(gy[e * params.count + k], d, acc);
  }
  gr[e] = acc;
}
