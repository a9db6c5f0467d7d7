// Gaunt-FFT step 1: SH coefficients → half-plane 2D Fourier columns (Luo et al., ICLR 2024).
// One invocation per (pair p, sample, channel) writes the whole paired column, all n entries:
//   Z_p[q] = F[u, 2p] + F[u, 2p + 1],  F[u, k] = Σ_e x[sample, l_e, channel, m_e] · w_e,
// u = q (q ≤ L) or q − n (q ≥ n − L), else 0 (zero padding), summed over the CSR rows
// k·(2L + 1) + u + L of the table built in float64 by src/reference/gaunt-fft-plan.ts
// (shToColumnsTable). Column k has parity (−1)^k in u, so one FFT serves both columns of a pair
// (src/reference/gaunt-fft-stages.ts explains). A whole column per invocation keeps invocations
// few and busy (SwiftShader pays ≈ 0.5 µs per invocation) and lets it use the parity in u. x is in the e3nn layout of a
// channelwise signal (src/o3/gaunt-layout.ts). Float64 twin: toColumns in gaunt-fft-stages.ts.

struct Params {
  columns: u32,       // (⌊L/2⌋ + 1) · (samples in this chunk) · channels
  channels: u32,
  L: u32,
  n: u32,
  first_sample: u32,  // the chunk's first sample in x
  out_offset: u32,    // complex element of the chunk's first column in spectra
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> row_start: array<u32>;
// Per entry: l | (m + l) << 16, and the complex weight.
@group(0) @binding(2) var<storage, read> entry_lm: array<u32>;
@group(0) @binding(3) var<storage, read> entry_weight: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> x: array<f32>;
@group(0) @binding(5) var<storage, read_write> spectra: array<vec2<f32>>;

// Σ over one table row of x (sample base, channel) times the weights.
fn row_sum(row: u32, base: u32, channel: u32) -> vec2<f32> {
  var sum = vec2<f32>(0.0);
  for (var e = row_start[row]; e < row_start[row + 1u]; e++) {
    let lm = entry_lm[e];
    let l = lm & 0xffffu;
    sum += x[base + params.channels * l * l + channel * (2u * l + 1u) + (lm >> 16u)] * entry_weight[e];
  }
  return sum;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.columns) {
    return;
  }
  let n = params.n;
  let L = params.L;
  let C = params.channels;
  let pairs = L / 2u + 1u;
  // The pair is slowest and the signal fastest: neighbouring invocations walk the same table
  // rows (same trip counts, same table loads).
  let signals = params.columns / pairs;
  let p = i / signals;
  let signal = i - p * signals;  // sample · C + channel, within the chunk
  let column = signal * pairs + p;
  let channel = signal % C;
  let base = (params.first_sample + signal / C) * C * (L + 1u) * (L + 1u);
  let width = 2u * L + 1u;
  let has_odd = 2u * p + 1u <= L;
  let out = params.out_offset + column * n;
  // F[−u, k] = (−1)^k F[u, k]: from E = F[u, 2p] and O = F[u, 2p + 1] for u ≥ 0, the pair is
  // E + O at q = u and E − O at q = n − u; half the table is enough.
  for (var u = 0u; u <= L; u++) {
    let row = 2u * p * width + u + L;  // table row (2p, u); (2p + 1, u) is one width on
    let even = row_sum(row, base, channel);
    var odd = vec2<f32>(0.0);
    if (has_odd) {
      odd = row_sum(row + width, base, channel);
    }
    spectra[out + u] = even + odd;
    if (u > 0u) {
      spectra[out + n - u] = even - odd;
    }
  }
  for (var q = L + 1u; q + L < n; q++) {
    spectra[out + q] = vec2<f32>(0.0);  // zero padding
  }
}
