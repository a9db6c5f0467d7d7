// e3nn's gated nonlinearity in one pass: out[r, j] = c_j · f_j(x[r, src_j]) for a scalar output,
// out[r, j] = x[r, src_j] · c_j · f_j(x[r, gate_j]) for a component of a gated irrep copy
// (f: 0 silu, 1 sigmoid, 2 tanh; c: the activation's second-moment normaliser).
// Table: 4 words per output column (src, fn, gate or NONE, bitcast c). Twin: src/ops/gate.ts.
struct Params {
  rows: u32,
  cols_in: u32,
  cols_out: u32,
  pad: u32,
}

override WG: u32 = 64;
const NONE: u32 = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> table: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

// Branch on the sign so exp never overflows (as shaders/nn/unary.wgsl).
fn sigmoid(v: f32) -> f32 {
  if (v >= 0.0) {
    return 1.0 / (1.0 + exp(-v));
  }
  let e = exp(v);
  return e / (1.0 + e);
}

fn activation(v: f32, fn_id: u32) -> f32 {
  switch fn_id {
    case 0u: { return v * sigmoid(v); }
    case 1u: { return sigmoid(v); }
    default: { return tanh(clamp(v, -15.0, 15.0)); }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.rows * params.cols_out) {
    return;
  }
  let r = i / params.cols_out;
  let j = i % params.cols_out;
  let row = r * params.cols_in;
  let src = x[row + table[4u * j]];
  let fn_id = table[4u * j + 1u];
  let gate = table[4u * j + 2u];
  let c = bitcast<f32>(table[4u * j + 3u]);
  if (gate == NONE) {
    out[i] = c * activation(src, fn_id);
  } else {
    out[i] = src * c * activation(x[row + gate], fn_id);
  }
}
