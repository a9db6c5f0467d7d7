// Batched complex FFT in workgroup memory: each workgroup loads COLS contiguous columns of length
// N, runs every Stockham pass between two halves of one workgroup array (one barrier per pass),
// and writes the result back in place, scaled. The passes and twiddles are those of fft() in
// src/reference/fft.ts; the butterflies are in fft_radix.wgsl (prepended by src/kernels/fft.ts).
//   data[offset + col·N + q] ← scale · Σ_r data[offset + col·N + r] · e^{sign·2πi·rq/N}

struct Params {
  count: u32,   // columns to transform
  offset: u32,  // complex element where column 0 starts
  sign: f32,    // exponent sign, ±1
  scale: f32,
}

override WG: u32 = 64;
override N: u32 = 32;
override COLS: u32 = 8;
override TILE: u32 = 256;  // COLS · N: one half of the ping-pong array

@group(0) @binding(0) var<uniform> params: Params;
// e^{−2πi t/N}, t = 0..N−1, from float64; conjugated here when sign = +1.
@group(0) @binding(1) var<storage, read> twiddles: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> data: array<vec2<f32>>;

var<workgroup> tile: array<vec2<f32>, 2u * TILE>;

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let first = (wid.x + wid.y * nwg.x) * COLS;
  if (first >= params.count) {
    return;  // the whole workgroup leaves together: barriers below stay uniform
  }
  let cols = min(COLS, params.count - first);
  let base = params.offset + first * N;
  for (var e = lid; e < cols * N; e += WG) {
    tile[e] = data[base + e];
  }
  workgroupBarrier();

  let s = params.sign;
  var src = 0u;
  var dst = TILE;
  var ns = 1u;  // length of the sub-transforms finished so far
  loop {
    if (ns >= N) {
      break;
    }
    let radix = radix_for(N / ns);
    let span = N / radix;        // butterflies per column
    let stride = span / ns;      // twiddle index step: N / (ns·radix)
    for (var b = lid; b < cols * span; b += WG) {
      let col = b / span;
      let j = b - col * span;
      let k = j % ns;
      let read_at = src + col * N + j;
      var v: array<vec2<f32>, 5>;
      for (var r = 0u; r < 5u; r++) {
        if (r < radix) {
          let w = twiddles[k * r * stride];
          v[r] = cmul(tile[read_at + r * span], vec2<f32>(w.x, -s * w.y));
        }
      }
      small_dft(&v, radix, s);
      let write_at = dst + col * N + (j / ns) * ns * radix + k;
      for (var r = 0u; r < 5u; r++) {
        if (r < radix) {
          tile[write_at + r * ns] = v[r];
        }
      }
    }
    workgroupBarrier();
    let swap = src;
    src = dst;
    dst = swap;
    ns *= radix;
  }

  for (var e = lid; e < cols * N; e += WG) {
    data[base + e] = params.scale * tile[src + e];
  }
}
