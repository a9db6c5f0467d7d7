// Gaunt-FFT step 5: the product's half-plane Fourier columns → SH coefficients of degree ≤ Lc.
// One invocation per (column k, sample, channel): it unpairs H[u, k], 0 ≤ u ≤ Lp, into a private
// array — column k at u is (Z[u] ± Z[n − u]) / 2 from pair ⌊k/2⌋ (src/reference/gaunt-fft-stages.ts)
// — then writes every output with |m| = k, l = k..Lc, in the e3nn layout:
//   out[l, m] = Σ_e dot(w_e, H[u_e, k])
// over the CSR row l² + l + m of the projection table built in float64 by
// src/reference/gaunt-fft-plan.ts (projectionTable: the closed-form ∫∫ e^{i(uθ + vφ)} Y_lm sinθ
// folded onto u ≥ 0 with the column's parity). H comes from the inverse θ-FFT, already scaled by 1/n.
// Float64 twin: project in src/reference/gaunt-fft-stages.ts.

struct Params {
  columns: u32,       // (Lc + 1) · (samples in this chunk) · channels
  channels: u32,
  Lc: u32,
  n: u32,
  first_sample: u32,  // the chunk's first sample in out
  h_offset: u32,      // complex element of the chunk's first product pair in spectra
  Lp: u32,            // highest frequency of the product (La + Lb)
}

override WG: u32 = 64;
const MAX_U: u32 = 128u;  // Lp ≤ 126 (degrees ≤ 63, checked by src/kernels/gaunt-fft.ts)

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> row_start: array<u32>;
@group(0) @binding(2) var<storage, read> entry_u: array<u32>;
@group(0) @binding(3) var<storage, read> entry_weight: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> spectra: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;

var<private> h: array<vec2<f32>, MAX_U>;

fn project_row(row: u32) -> f32 {
  var sum = 0.0;
  for (var e = row_start[row]; e < row_start[row + 1u]; e++) {
    sum += dot(entry_weight[e], h[entry_u[e]]);
  }
  return sum;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.columns) {
    return;
  }
  let C = params.channels;
  let K = params.Lc + 1u;
  let n = params.n;
  // k is slowest and the signal fastest: neighbouring invocations walk the same table rows.
  let signals = params.columns / K;
  let k = i / signals;
  let signal = i - k * signals;
  let channel = signal % C;
  let pair = params.h_offset + (signal * (params.Lc / 2u + 1u) + k / 2u) * n;
  let parity = select(0.5, -0.5, (k & 1u) == 1u);
  for (var u = 0u; u <= params.Lp; u++) {
    h[u] = 0.5 * spectra[pair + u] + parity * spectra[pair + (n - u) % n];
  }
  let base = (params.first_sample + signal / C) * C * K * K;
  for (var l = k; l <= params.Lc; l++) {
    // e3nn index of (l, channel, m = ±k): C·l² + channel·(2l + 1) + l + m.
    let at = base + C * l * l + channel * (2u * l + 1u) + l;
    out[at + k] = project_row(l * l + l + k);
    if (k > 0u) {
      out[at - k] = project_row(l * l + l - k);
    }
  }
}
