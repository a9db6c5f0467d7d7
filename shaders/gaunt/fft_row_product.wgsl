// Gaunt-FFT step 3: the product of two signals, one θ-row at a time. After the θ-FFT, row j of a
// signal holds the azimuthal Fourier coefficients A[j, v] of f(θ_j, ·), θ_j = 2πj/n; the product's
// are their linear convolution in v (the φ half of the 2D convolution, done directly: shorter
// than an FFT at these lengths):
//   H[j, k] = Σ_v A[j, v] · B[j, k − v],  0 ≤ k < Kc,  A[j, −v] = conj A[j, v] (real signals).
// Columns are stored in pairs (src/reference/gaunt-fft-stages.ts): A[j, v] = (Z[j] ± Z[n − j]) / 2
// from pair ⌊v/2⌋. One invocation per (signal, j ≤ n/2) unpairs both rows into private arrays,
// then writes the paired product: Z_p[j] = H[j, 2p] + H[j, 2p + 1] and, by
// H[n − j, k] = (−1)^k H[j, k] (f(−θ, φ) = f(θ, φ + π)), Z_p[n − j] = H[j, 2p] − H[j, 2p + 1].
// Float64 twin: rowProduct in src/reference/gaunt-fft-stages.ts.

struct Params {
  entries: u32,   // signals · (⌊n/2⌋ + 1)
  n: u32,
  La: u32,
  Lb: u32,
  Kc: u32,        // product columns (Lc + 1)
  a_offset: u32,  // complex element of the first pair of A, of B, of the product
  b_offset: u32,
  c_offset: u32,
}

override WG: u32 = 64;
const MAX_K: u32 = 64u;  // La, Lb ≤ 63 (checked by src/kernels/gaunt-fft.ts)

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> spectra: array<vec2<f32>>;

// This invocation's two rows, unpaired: columns 0..La of A and 0..Lb of B.
var<private> a: array<vec2<f32>, MAX_K>;
var<private> b: array<vec2<f32>, MAX_K>;

fn cmul(x: vec2<f32>, y: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x);
}

fn conj_if(z: vec2<f32>, flip: bool) -> vec2<f32> {
  return select(z, vec2<f32>(z.x, -z.y), flip);
}

// Column k ≥ 0 at row j of the signal whose first pair starts at `base`.
fn unpaired(base: u32, j: u32, k: u32) -> vec2<f32> {
  let pair = base + (k / 2u) * params.n;
  let mirror = spectra[pair + (params.n - j) % params.n];
  return 0.5 * (spectra[pair + j] + select(mirror, -mirror, (k & 1u) == 1u));
}

// H[j, k] = Σ_v A[v] · B[k − v], negative columns by conjugation.
fn convolve(k: i32) -> vec2<f32> {
  let La = i32(params.La);
  let Lb = i32(params.Lb);
  var sum = vec2<f32>(0.0);
  for (var v = max(-La, k - Lb); v <= min(La, k + Lb); v++) {
    sum += cmul(conj_if(a[abs(v)], v < 0), conj_if(b[abs(k - v)], k - v < 0));
  }
  return sum;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.entries) {
    return;
  }
  let n = params.n;
  let rows = n / 2u + 1u;
  let j = i % rows;
  let signal = i / rows;
  let La = params.La;
  let Lb = params.Lb;
  for (var k = 0u; k <= La; k++) {
    a[k] = unpaired(params.a_offset + signal * (La / 2u + 1u) * n, j, k);
  }
  for (var k = 0u; k <= Lb; k++) {
    b[k] = unpaired(params.b_offset + signal * (Lb / 2u + 1u) * n, j, k);
  }
  let Kc = params.Kc;
  let c_base = params.c_offset + signal * ((Kc - 1u) / 2u + 1u) * n;
  for (var p = 0u; 2u * p < Kc; p++) {
    let even = convolve(i32(2u * p));
    var odd = vec2<f32>(0.0);
    if (2u * p + 1u < Kc) {
      odd = convolve(i32(2u * p + 1u));
    }
    let pair = c_base + p * n;
    spectra[pair + j] = even + odd;
    if (j > 0u && 2u * j < n) {
      spectra[pair + n - j] = even - odd;
    }
  }
}
