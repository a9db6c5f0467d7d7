// Second stage of the reduce-then-scan (src/kernels/scan.ts): adds each chunk's scanned offset
// to its elements and writes the grand total after the last one:
//   y[i] += chunk_offsets[i / chunk]   (i < n),     y[n] = chunk_offsets[chunks].
struct Params {
  n: u32,
  chunk: u32,
  chunks: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> chunk_offsets: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i < params.n) {
    y[i] += chunk_offsets[i / params.chunk];
  } else if (i == params.n) {
    y[i] = chunk_offsets[params.chunks];
  }
}
