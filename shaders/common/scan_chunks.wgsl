// Exclusive prefix sum of u32, first stage of a reduce-then-scan (src/kernels/scan.ts chains
// the stages). Invocation t scans its own contiguous chunk of CHUNK elements serially:
//   y[i]    = Σ x[j] over chunk(i)'s start ≤ j < i,
//   sums[t] = Σ x[j] over chunk t,
//   y[n]    = Σ x[j] over all j, written only when the whole input is one chunk (the top level).
// No workgroup memory and no barriers: SwiftShader runs barrier-heavy workgroup scans ~50×
// slower than this, and on real GPUs the chunk reads are served from cache. Integer sums in a
// fixed order: bitwise reproducible, no atomics. Twin: src/reference/scan.ts.
struct Params {
  n: u32,
  chunks: u32,
  write_total: u32,
}

override WG: u32 = 64;
override CHUNK: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;
@group(0) @binding(3) var<storage, read_write> sums: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = gid.x + gid.y * (nwg.x * WG);
  if (t >= params.chunks) {
    return;
  }
  let start = t * CHUNK;
  let end = min(start + CHUNK, params.n);
  var acc = 0u;
  for (var i = start; i < end; i++) {
    let v = x[i];
    y[i] = acc;
    acc += v;
  }
  sums[t] = acc;
  if (params.write_total == 1u) {
    y[params.n] = acc;
  }
}
