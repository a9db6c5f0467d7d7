// Copies a window of columns between two row-major matrices with the same number of rows:
//   dst[r, dst_offset + j] = src[r, src_offset + j]   for j < width.
// zero_fill = 0: one invocation per copied element, the rest of dst is left as it is (concat
// writes its inputs side by side). zero_fill = 1: one invocation per dst element, columns outside
// the window become 0 (the gradient of a slice). Twin: src/ops/columns.ts.
struct Params {
  rows: u32,
  src_width: u32,
  dst_width: u32,
  src_offset: u32,
  dst_offset: u32,
  width: u32,
  zero_fill: u32,
  n: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  if (params.zero_fill == 0u) {
    let r = i / params.width;
    let j = i % params.width;
    dst[r * params.dst_width + params.dst_offset + j] = src[r * params.src_width + params.src_offset + j];
    return;
  }
  let r = i / params.dst_width;
  let c = i % params.dst_width;
  let inside = c >= params.dst_offset && c < params.dst_offset + params.width;
  var v = 0.0;
  if (inside) {
    v = src[r * params.src_width + params.src_offset + (c - params.dst_offset)];
  }
  dst[i] = v;
}
