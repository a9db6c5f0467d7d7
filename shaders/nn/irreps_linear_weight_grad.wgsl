// Gradient of e3nn Linear's parameters: one invocation per parameter e, summing over rows in order
// (deterministic, no atomics):
//   weight: grad[e] = pw · Σ_r Σ_{m < dim} x[r, x_base + m] · gy[r, gy_base + m]
//   bias (x_base = NONE): grad[e] = Σ_r gy[r, gy_base]
// Twin: src/reference/irreps-linear.ts.
struct Params {
  rows: u32,
  count: u32,
  x_cols: u32,
  gy_cols: u32,
}

override WG: u32 = 64;
const NONE: u32 = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
// 4 words per parameter: x_base, gy_base, dim, bitcast<u32>(pw).
@group(0) @binding(1) var<storage, read> table: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> gy: array<f32>;
@group(0) @binding(4) var<storage, read_write> grad: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * (nwg.x * WG);
  if (e >= params.count) {
    return;
  }
  let x_base = table[4u * e];
  let gy_base = table[4u * e + 1u];
  let dim = table[4u * e + 2u];
  var acc = 0.0;
  for (var r = 0u; r < params.rows; r++) {
    if (x_base == NONE) {
      acc += gy[r * params.gy_cols + gy_base];
      continue;
    }
    for (var m = 0u; m < dim; m++) {
      acc = fma(x[r * params.x_cols + x_base + m], gy[r * params.gy_cols + gy_base + m], acc);
    }
  }
  grad[e] = bitcast<f32>(table[4u * e + 3u]) * acc;
}
