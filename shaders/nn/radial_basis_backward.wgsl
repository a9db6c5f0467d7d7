// gr[e] = Σ_k gy[e, k]·d/dr (b_k(r)·u(r)), one invocation per edge, k in order (deterministic).
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> lengths: array<f32>;
@group(0) @binding(2) var<storage, read> gy: array<f32>;
@group(0) @binding(3) var<storage, read_write> gr: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * (nwg.x * WG);
  if (e >= params.edges) {
    return;
  }
  let r = lengths[e];
  let env = envelope(r);
  var acc = 0.0;
  if (env.x != 0.0) {
    for (var k = 0u; k < params.count; k++) {
      let b = raw_basis(k, r);
      acc += gy[e * params.count + k] * (b.y * env.x + b.x * env.y);
    }
  }
  gr[e] = acc;
}
