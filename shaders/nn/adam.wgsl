// One Adam / AdamW step on a parameter tensor, in place (Kingma & Ba; Loshchilov & Hutter):
//   g' = g (+ wd·p when the decay is coupled, i.e. plain L2 as in torch.optim.Adam)
//   m ← β1·m + (1−β1)·g'      v ← β2·v + (1−β2)·g'²
//   p ← p − lr·wd·p (decoupled only) − lr · (m / bc1) / (sqrt(v / bc2) + eps)
// bc1 = 1 − β1^t and bc2 = 1 − β2^t are the bias corrections, computed on the host per step, as
// are 1 − β1 and 1 − β2 (in f32, 1 − f32(0.999) is off by 1e-5 relative; the host's is exact).
// Float64 twin: src/reference/adam.ts.
struct Params {
  n: u32,
  decoupled: u32,
  lr: f32,
  beta1: f32,
  beta2: f32,
  one_minus_beta1: f32,
  one_minus_beta2: f32,
  eps: f32,
  weight_decay: f32,
  bc1: f32,
  bc2: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> grad: array<f32>;
@group(0) @binding(2) var<storage, read_write> p: array<f32>;
@group(0) @binding(3) var<storage, read_write> m: array<f32>;
@group(0) @binding(4) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let decoupled = params.decoupled != 0u;
  let w = p[i];
  let g = select(grad[i] + params.weight_decay * w, grad[i], decoupled);
  let mi = params.beta1 * m[i] + params.one_minus_beta1 * g;
  let vi = params.beta2 * v[i] + params.one_minus_beta2 * g * g;
  m[i] = mi;
  v[i] = vi;
  let decay = select(0.0, params.lr * params.weight_decay * w, decoupled);
  p[i] = w - decay - params.lr * (mi / params.bc1) / (sqrt(vi / params.bc2) + params.eps);
}
