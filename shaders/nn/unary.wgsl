// y[i] = f(x[i]) for the activations used by the models. One kernel for all of them: the
// function is a uniform switch (cheap, and keeps one pipeline per workgroup size).
// fn: 0 silu, 1 sigmoid, 2 tanh, 3 relu. Float64 twin: src/ops/activations.ts.
struct Params {
  n: u32,
  fn_id: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

// Branch on the sign so exp never overflows (WGSL leaves the value of an overflowed exp open).
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
    // tanh(±15) rounds to ±1 in f32; clamping avoids implementations whose tanh overflows.
    case 2u: { return tanh(clamp(v, -15.0, 15.0)); }
    default: { return max(v, 0.0); }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  y[i] = activation(x[i], params.fn_id);
}
