// Radial basis of edge lengths with NequIP's polynomial envelope: Bessel (2/c)·sin(w_k r)/r,
// w_k = kπ/c, or e3nn's Gaussians exp(−((r − μ_k)/s)²)/1.12. Value and d/dr of basis k at r.
// Shared by radial_basis.wgsl and radial_basis_backward.wgsl (prepended by the kernel wrapper,
// after polynomial_cutoff.wgsl).
// Twin: radialBasis and radialBasisDerivative in src/nn/radial.ts.
struct Params {
  edges: u32,
  count: u32,
  // 0: Bessel, 1: Gaussian.
  kind: u32,
  // Envelope exponent p; 0 means no envelope.
  p: u32,
  cutoff: f32,
  start: f32,
  step: f32,
  n: u32,
}

const PI: f32 = 3.14159265358979;

// (sin z, cos z) to float32 precision for z ≥ 0. WGSL's built-in sin/cos only promise an absolute
// error of 2^-11, and sin(z)/r amplifies that near r = 0: reduce by π/2 (two-part constant, so
// the reduction is exact enough for z up to ~1e3) and evaluate Taylor polynomials on [−π/4, π/4].
fn sin_cos(z: f32) -> vec2<f32> {
  let q = round(z * 0.636619772367581);
  let t = (z - q * 1.5707963705062866) + q * 4.371139000186243e-8;
  let t2 = t * t;
  let s = t * (1.0 + t2 * (-1.0 / 6.0 + t2 * (1.0 / 120.0 + t2 * (-1.0 / 5040.0 + t2 * (1.0 / 362880.0)))));
  let c = 1.0 + t2 * (-0.5 + t2 * (1.0 / 24.0 + t2 * (-1.0 / 720.0 + t2 * (1.0 / 40320.0 - t2 / 3628800.0))));
  let quadrant = u32(q) & 3u;
  if (quadrant == 0u) {
    return vec2<f32>(s, c);
  }
  if (quadrant == 1u) {
    return vec2<f32>(c, -s);
  }
  if (quadrant == 2u) {
    return vec2<f32>(-s, -c);
  }
  return vec2<f32>(-c, s);
}

// (u(r), u'(r)) of the polynomial cutoff with exponent p; (1, 0) without envelope.
fn envelope(r: f32) -> vec2<f32> {
  if (params.p == 0u) {
    return vec2<f32>(1.0, 0.0);
  }
  let x = r / params.cutoff;
  if (x >= 1.0) {
    return vec2<f32>(0.0, 0.0);
  }
  let u = polynomial_cutoff(x, params.p);
  return vec2<f32>(u.x, u.y / params.cutoff);
}

// (b_k(r), b_k'(r)) before the envelope.
fn raw_basis(k: u32, r: f32) -> vec2<f32> {
  if (params.kind == 0u) {
    let w = f32(k + 1u) * PI / params.cutoff;
    let z = w * r;
    let s = 2.0 / params.cutoff;
    if (z < 1e-2) {
      // Series of sin(z)/r and its derivative: no cancellation near r = 0.
      let z2 = z * z;
      return vec2<f32>(s * w * (1.0 - z2 / 6.0), s * w * w * (-z / 3.0 + z2 * z / 30.0));
    }
    let sc = sin_cos(z);
    return vec2<f32>(s * sc.x / r, s * (z * sc.y - sc.x) / (r * r));
  }
  let mu = params.start + f32(k + 1u) * params.step;
  let d = (r - mu) / params.step;
  let g = exp(-d * d) / 1.12;
  return vec2<f32>(g, -2.0 * d / params.step * g);
}
