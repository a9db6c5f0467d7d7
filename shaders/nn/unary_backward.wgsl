// gx[i] = gy[i] · f'(x[i]) for the activations of unary.wgsl (same fn codes).
// Derivatives are taken from x, not y, so the forward output need not be kept.
struct Params {
  n: u32,
  fn_id: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> gy: array<f32>;
@group(0) @binding(3) var<storage, read_write> gx: array<f32>;

fn sigmoid(v: f32) -> f32 {
  if (v >= 0.0) {
    return 1.0 / (1.0 + exp(-v));
  }
  let e = exp(v);
  return e / (1.0 + e);
}

fn derivative(v: f32, fn_id: u32) -> f32 {
  switch fn_id {
    case 0u: {
      let s = sigmoid(v);
      return s * (1.0 + v * (1.0 - s));
    }
    case 1u: {
      let s = sigmoid(v);
      return s * (1.0 - s);
    }
    case 2u: {
      let t = tanh(clamp(v, -15.0, 15.0));
      return 1.0 - t * t;
    }
    default: { return select(0.0, 1.0, v > 0.0); }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  gx[i] = gy[i] * derivative(x[i], params.fn_id);
}
