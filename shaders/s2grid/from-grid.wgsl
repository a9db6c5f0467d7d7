// S2-grid product, step 2: quadrature back to SH coefficients of degree ≤ Lc,
//   c[row, j] = Σ_k p[row, k] · w_k Y_j(x_k),   row = sample · C + channel,
// a batched matmul (rows × points) · (points × n_c) with the quadrature weights folded into the
// table. Same register blocking as to-grid-product.wgsl: 4 rows × 8 coefficients per invocation,
// neighbouring invocations on neighbouring coefficients. Results go straight into the e3nn layout
// of channelwise signals: coefficient j = l² + l + m of channel ch at C·l² + ch·(2l + 1) + (j − l²).

struct Params {
  rows: u32,      // batch · channels
  channels: u32,
  points: u32,
  p_octets: u32,  // row stride of p, in groups of 8 floats
  w_octets: u32,  // row stride of the weighted table, in groups of 8 floats
  n_c: u32,       // (Lc + 1)²
  dim_c: u32,     // floats per output sample: channels · n_c
}

struct Block {
  lo0: vec4<f32>, hi0: vec4<f32>, lo1: vec4<f32>, hi1: vec4<f32>,
  lo2: vec4<f32>, hi2: vec4<f32>, lo3: vec4<f32>, hi3: vec4<f32>,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> weighted_sh: array<vec4<f32>>; // points × 8·w_octets, zero-padded
@group(0) @binding(2) var<storage, read> p: array<f32>;                 // rows × 8·p_octets
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

fn accumulate(acc: ptr<function, Block>, x: vec4<f32>, lo: vec4<f32>, hi: vec4<f32>) {
  (*acc).lo0 = fma(vec4(x.x), lo, (*acc).lo0);
  (*acc).hi0 = fma(vec4(x.x), hi, (*acc).hi0);
  (*acc).lo1 = fma(vec4(x.y), lo, (*acc).lo1);
  (*acc).hi1 = fma(vec4(x.y), hi, (*acc).hi1);
  (*acc).lo2 = fma(vec4(x.z), lo, (*acc).lo2);
  (*acc).hi2 = fma(vec4(x.z), hi, (*acc).hi2);
  (*acc).lo3 = fma(vec4(x.w), lo, (*acc).lo3);
  (*acc).hi3 = fma(vec4(x.w), hi, (*acc).hi3);
}

// Writes coefficients 8·octet .. 8·octet + 7 of one row into the e3nn layout.
fn store(row: u32, octet: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (row >= params.rows) {
    return;
  }
  let ch = row % params.channels;
  let base = (row / params.channels) * params.dim_c;
  for (var t = 0u; t < 8u; t++) {
    let j = 8u * octet + t;
    if (j < params.n_c) {
      let l = u32(sqrt(f32(j) + 0.5));
      c[base + params.channels * l * l + ch * (2u * l + 1u) + (j - l * l)] = select(hi[t % 4u], lo[t % 4u], t < 4u);
    }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let octets = (params.n_c + 7u) / 8u;
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= ((params.rows + 3u) / 4u) * octets) {
    return;
  }
  let octet = i % octets;
  let row0 = (i / octets) * 4u;
  // Rows past the end repeat the last row (in bounds); their results are not stored.
  let starts = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), vec4(params.rows - 1u)) * (8u * params.p_octets);
  var acc: Block;
  for (var k = 0u; k < params.points; k++) {
    let x = vec4(p[starts.x + k], p[starts.y + k], p[starts.z + k], p[starts.w + k]);
    let t = (k * params.w_octets + octet) * 2u;
    accumulate(&acc, x, weighted_sh[t], weighted_sh[t + 1u]);
  }
  store(row0, octet, acc.lo0, acc.hi0);
  store(row0 + 1u, octet, acc.lo1, acc.hi1);
  store(row0 + 2u, octet, acc.lo2, acc.hi2);
  store(row0 + 3u, octet, acc.lo3, acc.hi3);
}
