// out[j] = Σ_{r < rows} x[r · cols + j]: sums a row-major (rows × cols) array over its leading
// axis, rows in order, one invocation per column. A deterministic replacement for atomic adds
// when partial results (e.g. per chunk of a batch) must be combined.
struct Params {
  rows: u32,
  cols: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let j = gid.x + gid.y * (nwg.x * WG);
  if (j >= params.cols) {
    return;
  }
  var sum = 0.0;
  for (var r = 0u; r < params.rows; r++) {
    sum += x[r * params.cols + j];
  }
  out[j] = sum;
}
