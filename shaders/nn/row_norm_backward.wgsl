// Gradient of the row norm: gx[r, c] = gy[r] · x[r, c] / y[r], and 0 for a zero row (the norm
// is not differentiable there; 0 is the subgradient of least norm). Twin: src/ops/row-norm.ts.
struct Params {
  rows: u32,
  cols: u32,
  n: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read> gy: array<f32>;
@group(0) @binding(4) var<storage, read_write> gx: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let r = i / params.cols;
  let norm = y[r];
  gx[i] = select(0.0, gy[r] * x[i] / norm, norm > 0.0);
}
