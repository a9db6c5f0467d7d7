// Shared by bspline_basis.wgsl and bspline_basis_backward.wgsl (prepended by the kernel wrapper,
// after polynomial_cutoff.wgsl): the uniform block and the centred cardinal cubic B-spline β3
// (support [−2, 2]) with its derivative. Twin: src/ops/bspline-basis.ts.
struct Params {
  edges: u32,
  count: u32,
  p: u32,
  n: u32,
  cutoff: f32,
  step: f32,
}

fn cubic(t: f32) -> f32 {
  let a = abs(t);
  if (a < 1.0) {
    return 2.0 / 3.0 - a * a + 0.5 * a * a * a;
  }
  if (a < 2.0) {
    let b = 2.0 - a;
    return b * b * b / 6.0;
  }
  return 0.0;
}

fn cubicDerivative(t: f32) -> f32 {
  let a = abs(t);
  if (a < 1.0) {
    return -2.0 * t + 1.5 * t * a;
  }
  if (a < 2.0) {
    let b = 2.0 - a;
    return -0.5 * sign(t) * b * b;
  }
  return 0.0;
}
