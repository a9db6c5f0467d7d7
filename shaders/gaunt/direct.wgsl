// Gaunt product by the sparse Gaunt sum. One invocation per (output coefficient i3, group of 4
// rows), row = sample · C + channel:
//   c[row, i3] = Σ_{entries k of table row i3} G_k · a[row, i1_k] · b[row, i2_k].
// Signals are in the e3nn layout of channelwise signals (src/o3/gaunt-layout.ts); each table entry
// carries the e3nn offsets of channel 0 and the per-channel strides (2l + 1). Four rows per
// invocation amortise each table entry over 4 products (vec4 arithmetic), and the output
// coefficient is the slowest index, so neighbouring invocations walk the same table row (same
// trip count, shared entry loads). The backward runs this shader with the Gaunt tables of
// permuted degrees (see src/kernels/gaunt-direct.ts).

struct Params {
  row_groups: u32,  // ⌈batch · channels / 4⌉
  outputs: u32,     // (Lc + 1)²
  rows: u32,        // batch · channels
  channels: u32,
  dim_a: u32,       // floats per sample of a, b, c
  dim_b: u32,
  dim_c: u32,
}

// One non-zero: e3nn offsets of channel 0 in a and b, strides packed (stride_a | stride_b << 16), bits of G.
struct Entry {
  off_a: u32,
  off_b: u32,
  strides: u32,
  value: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> entries: array<Entry>;
@group(0) @binding(2) var<storage, read> row_start: array<u32>;
// Per output coefficient: e3nn offset of channel 0 and its stride.
@group(0) @binding(3) var<storage, read> out_place: array<vec2<u32>>;
@group(0) @binding(4) var<storage, read> a: array<f32>;
@group(0) @binding(5) var<storage, read> b: array<f32>;
@group(0) @binding(6) var<storage, read_write> c: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.row_groups * params.outputs) {
    return;
  }
  let i3 = i / params.row_groups;
  let row0 = (i % params.row_groups) * 4u;
  // Rows past the end repeat the last row (in bounds); their results are not stored.
  let rows = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), vec4(params.rows - 1u));
  let chans = rows % params.channels;
  let base_a = (rows / params.channels) * params.dim_a;
  let base_b = (rows / params.channels) * params.dim_b;
  var sum = vec4(0.0);
  for (var k = row_start[i3]; k < row_start[i3 + 1u]; k++) {
    let e = entries[k];
    let pa = base_a + e.off_a + chans * (e.strides & 0xffffu);
    let pb = base_b + e.off_b + chans * (e.strides >> 16u);
    let xa = vec4(a[pa.x], a[pa.y], a[pa.z], a[pa.w]);
    let xb = vec4(b[pb.x], b[pb.y], b[pb.z], b[pb.w]);
    sum = fma(bitcast<f32>(e.value) * xa, xb, sum);
  }
  let place = out_place[i3];
  let pc = (rows / params.channels) * params.dim_c + place.x + chans * place.y;
  for (var r = 0u; r < 4u; r++) {
    if (row0 + r < params.rows) {
      c[pc[r]] = sum[r];
    }
  }
}
