// Scales every irrep copy by its own scalar (the gate of gated nonlinearities):
//   out[r, c] = alpha · g[r, owner[c]] · x[r, c]
// where owner[c] is the copy (block b, multiplicity index u) that feature column c belongs to,
// i.e. out[n, u, m] = g[n, u] · x[n, u, m] for every mul×(2l+1) block. Twin: src/ops/scale-blocks.ts.
struct Params {
  rows: u32,
  cols: u32,
  g_cols: u32,
  n: u32,
  alpha: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> g: array<f32>;
@group(0) @binding(3) var<storage, read> owner: array<u32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let r = i / params.cols;
  let c = i % params.cols;
  out[i] = params.alpha * g[r * params.g_cols + owner[c]] * x[i];
}
