// NequIP's polynomial cutoff u(x) = 1 − (p+1)(p+2)/2·x^p + p(p+2)·x^(p+1) − p(p+1)/2·x^(p+2) and
// du/dx, for 0 ≤ x < 1, in forms without cancellation (a library: prepended to the kernels that
// use it). Near x = 1 the expanded form subtracts terms of size ~25 to get values ~1e-2, losing
// float32 digits; instead u = (1 − x)³·Σ_{k<p} C(k+2, 2)·x^k (the division is exact, every
// coefficient is positive) and du/dx = −p(p+1)(p+2)/2 · x^(p−1)·(1 − x)². Twin: src/nn/radial.ts.
fn polynomial_cutoff(x: f32, p: u32) -> vec2<f32> {
  let t = 1.0 - x;
  var q = 0.0;
  var xp1 = 1.0;
  for (var k = i32(p) - 1; k >= 0; k--) {
    q = q * x + f32((k + 1) * (k + 2) / 2);
  }
  for (var k = 1u; k < p; k++) {
    xp1 *= x;
  }
  let pf = f32(p);
  return vec2<f32>(t * t * t * q, -0.5 * pf * (pf + 1.0) * (pf + 2.0) * xp1 * t * t);
}
