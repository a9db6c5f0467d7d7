// y[i] = a * x[i] + y[i]. The smallest real kernel: used by the runtime's own tests and as the
// template for new kernels (see docs/adding-a-kernel.md).
struct Params {
  n: u32,
  a: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  y[i] = fma(params.a, x[i], y[i]);
}
