// Input gradient of shaders/nn/gate.wgsl, one invocation per input element, 6 words per input
// column (kind, a, b, len, fn, bitcast c):
//   kind 0, a scalar:         g = gy[a] · c · f'(x[i])
//   kind 1, a gate:           g = c · f'(x[i]) · Σ_{k < len} gy[a + k] · x[b + k]   (its gated copy)
//   kind 2, a gated element:  g = gy[a] · c · f(x[b])                                 (b: its gate)
// Twin: src/ops/gate.ts.
struct Params {
  rows: u32,
  cols_in: u32,
  cols_out: u32,
  pad: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> table: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> gy: array<f32>;
@group(0) @binding(4) var<storage, read_write> gx: array<f32>;

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

fn derivative(v: f32, fn_id: u32) -> f32 {
  let s = sigmoid(v);
  switch fn_id {
    case 0u: { return s * (1.0 + v * (1.0 - s)); }
    case 1u: { return s * (1.0 - s); }
    default: {
      let t = tanh(clamp(v, -15.0, 15.0));
      return 1.0 - t * t;
    }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.rows * params.cols_in) {
    return;
  }
  let r = i / params.cols_in;
  let col = i % params.cols_in;
  let t = 6u * col;
  let kind = table[t];
  let a = r * params.cols_out + table[t + 1u];
  let b = r * params.cols_in + table[t + 2u];
  let fn_id = table[t + 4u];
  let c = bitcast<f32>(table[t + 5u]);
  if (kind == 0u) {
    gx[i] = gy[a] * c * derivative(x[i], fn_id);
  } else if (kind == 1u) {
    var s = 0.0;
    for (var k = 0u; k < table[t + 3u]; k++) {
      s = fma(gy[a + k], x[b + k], s);
    }
    gx[i] = c * derivative(x[i], fn_id) * s;
  } else {
    gx[i] = gy[a] * c * activation(x[b], fn_id);
  }
}
