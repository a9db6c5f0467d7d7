// S2-grid product, step 1: both signals to the grid and their pointwise product,
//   p[row, k] = (Σ_i Y_i(x_k) a[row, i]) · (Σ_i Y_i(x_k) b[row, i]),   row = sample · C + channel,
// two batched matmuls (rows × n) · (n × points) that share one output block. Register blocking:
// each invocation owns 4 rows × 8 grid points (two vec4 per row), so every coefficient it loads
// feeds 8 FMAs and every table vec4 feeds 4. Neighbouring invocations take neighbouring points:
// the table loads are contiguous and the coefficient loads are shared. Accumulators live in named
// vec4 fields — indexing a private array with a loop variable is much slower on some compilers.
// a and b are read in the e3nn layout of channelwise signals (src/o3/gaunt-layout.ts): block l of
// channel c starts at C·l² + c·(2l + 1) in its sample.

struct Params {
  rows: u32,      // batch · channels
  channels: u32,
  octets: u32,    // grid points / 8, rounded up (the table and p are padded to 8·octets columns)
  n_a: u32,       // (La + 1)²
  n_b: u32,
  dim_a: u32,     // floats per sample: channels · n_a
  dim_b: u32,
}

// 4 rows × 8 points: row r holds points 8q..8q+3 in lo_r and 8q+4..8q+7 in hi_r.
struct Block {
  lo0: vec4<f32>, hi0: vec4<f32>, lo1: vec4<f32>, hi1: vec4<f32>,
  lo2: vec4<f32>, hi2: vec4<f32>, lo3: vec4<f32>, hi3: vec4<f32>,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> sh_t: array<vec4<f32>>; // table_dim × 8·octets: Y_i(x_k), zero-padded
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read_write> p: array<vec4<f32>>; // rows × 8·octets

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

// Where block l of each of the 4 rows starts, given the rows' sample offsets and channels.
fn block_starts(sample_base: vec4<u32>, chans: vec4<u32>, l: u32) -> vec4<u32> {
  return sample_base + params.channels * l * l + chans * (2u * l + 1u);
}

fn to_grid_a(base: vec4<u32>, chans: vec4<u32>, octet: u32) -> Block {
  var acc: Block;
  var i = 0u;
  for (var l = 0u; i < params.n_a; l++) {
    let start = block_starts(base, chans, l);
    for (var m = 0u; m <= 2u * l; m++) {
      let x = vec4(a[start.x + m], a[start.y + m], a[start.z + m], a[start.w + m]);
      let t = (i * params.octets + octet) * 2u;
      accumulate(&acc, x, sh_t[t], sh_t[t + 1u]);
      i++;
    }
  }
  return acc;
}

fn to_grid_b(base: vec4<u32>, chans: vec4<u32>, octet: u32) -> Block {
  var acc: Block;
  var i = 0u;
  for (var l = 0u; i < params.n_b; l++) {
    let start = block_starts(base, chans, l);
    for (var m = 0u; m <= 2u * l; m++) {
      let x = vec4(b[start.x + m], b[start.y + m], b[start.z + m], b[start.w + m]);
      let t = (i * params.octets + octet) * 2u;
      accumulate(&acc, x, sh_t[t], sh_t[t + 1u]);
      i++;
    }
  }
  return acc;
}

fn store(row: u32, octet: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (row < params.rows) {
    let t = (row * params.octets + octet) * 2u;
    p[t] = lo;
    p[t + 1u] = hi;
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= ((params.rows + 3u) / 4u) * params.octets) {
    return;
  }
  let octet = i % params.octets;
  let row0 = (i / params.octets) * 4u;
  // Rows past the end repeat the last row (in bounds); their results are not stored.
  let rows = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), vec4(params.rows - 1u));
  let chans = rows % params.channels;
  let fa = to_grid_a((rows / params.channels) * params.dim_a, chans, octet);
  let fb = to_grid_b((rows / params.channels) * params.dim_b, chans, octet);
  store(row0, octet, fa.lo0 * fb.lo0, fa.hi0 * fb.hi0);
  store(row0 + 1u, octet, fa.lo1 * fb.lo1, fa.hi1 * fb.hi1);
  store(row0 + 2u, octet, fa.lo2 * fb.lo2, fa.hi2 * fb.hi2);
  store(row0 + 3u, octet, fa.lo3 * fb.lo3, fa.hi3 * fb.hi3);
}
