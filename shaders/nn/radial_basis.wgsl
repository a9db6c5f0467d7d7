// y[e, k] = b_k(r_e)·u(r_e) (see radial_basis_common.wgsl, prepended).
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> lengths: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let e = i / params.count;
  let r = lengths[e];
  let env = envelope(r);
  y[i] = select(raw_basis(i % params.count, r).x * env.x, 0.0, env.x == 0.0);
}
