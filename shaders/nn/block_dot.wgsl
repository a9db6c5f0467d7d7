// Per-copy dot products of two feature matrices laid out as irreps blocks:
//   out[r, j] = alpha · Σ_{m < len_j} a[r, start_j + m] · b[r, start_j + m]
// with (start_j, len_j) = (span[2j], span[2j+1]) the columns of copy j (one u of one block).
// a = b gives squared norms per irrep copy; (gy, x) gives the gate's scalar gradient.
// Twin: src/ops/block-sq-norm.ts and src/ops/scale-blocks.ts.
struct Params {
  rows: u32,
  cols: u32,
  g_cols: u32,
  n: u32,
  alpha: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read> span: array<u32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let r = i / params.g_cols;
  let j = i % params.g_cols;
  let start = r * params.cols + span[2u * j];
  var acc = 0.0;
  for (var m = 0u; m < span[2u * j + 1u]; m++) {
    acc = fma(a[start + m], b[start + m], acc);
  }
  out[i] = params.alpha * acc;
}
