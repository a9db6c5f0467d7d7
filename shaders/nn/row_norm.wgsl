// Euclidean norm of every row: y[r] = sqrt(Σ_c x[r, c]²). One invocation per row.
// Twin: src/ops/row-norm.ts.
struct Params {
  rows: u32,
  cols: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let r = gid.x + gid.y * (nwg.x * WG);
  if (r >= params.rows) {
    return;
  }
  var acc = 0.0;
  for (var c = 0u; c < params.cols; c++) {
    let v = x[r * params.cols + c];
    acc = fma(v, v, acc);
  }
  y[r] = sqrt(acc);
}
