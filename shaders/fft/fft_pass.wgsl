// One Stockham pass of a batched complex FFT in global memory, for lengths whose columns do not
// fit in workgroup memory (fft_shared.wgsl does the rest). src/kernels/fft.ts dispatches one pass
// per radix, ping-ponging between the data buffer and a scratch buffer, and passes the scale to
// the last pass only. One invocation per (column, butterfly); butterflies are in fft_radix.wgsl.

struct Params {
  butterflies: u32,  // count · n / radix
  n: u32,
  ns: u32,           // length of the sub-transforms finished by earlier passes
  radix: u32,
  src_offset: u32,   // complex element where column 0 starts in src and in dst
  dst_offset: u32,
  sign: f32,
  scale: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> twiddles: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> src: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> dst: array<vec2<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.butterflies) {
    return;
  }
  let radix = params.radix;
  let ns = params.ns;
  let span = params.n / radix;
  let stride = span / ns;
  let col = i / span;
  let j = i - col * span;
  let k = j % ns;
  let s = params.sign;
  let read_at = params.src_offset + col * params.n + j;
  var v: array<vec2<f32>, 5>;
  for (var r = 0u; r < 5u; r++) {
    if (r < radix) {
      let w = twiddles[k * r * stride];
      v[r] = cmul(src[read_at + r * span], vec2<f32>(w.x, -s * w.y));
    }
  }
  small_dft(&v, radix, s);
  let write_at = params.dst_offset + col * params.n + (j / ns) * ns * radix + k;
  for (var r = 0u; r < 5u; r++) {
    if (r < radix) {
      dst[write_at + r * ns] = params.scale * v[r];
    }
  }
}
