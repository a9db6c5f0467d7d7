// Complex arithmetic and the small DFTs (radix 2, 3, 4, 5) of the Stockham FFT passes. Not a
// kernel by itself: src/kernels/fft.ts prepends it to fft_shared.wgsl and fft_pass.wgsl.
// Complex numbers are vec2<f32> (re, im). The direction s = ±1 is the sign of the exponent:
// y[q] = Σ_r v[r] e^{s·2πi·rq/R}. The constants are cos and sin of 2π/3, 2π/5, 4π/5, correctly
// rounded literals; run-time twiddles come from a table computed in float64 (twiddleTable).

const SIN_2PI_3: f32 = 0.8660254037844386;
const COS_2PI_5: f32 = 0.30901699437494745;
const SIN_2PI_5: f32 = 0.9510565162951535;
const COS_4PI_5: f32 = -0.8090169943749475;
const SIN_4PI_5: f32 = 0.5877852522924731;

fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

// s·i·a: a quarter turn in the transform's direction.
fn mul_si(a: vec2<f32>, s: f32) -> vec2<f32> {
  return s * vec2<f32>(-a.y, a.x);
}

// The radix of the next pass when `rest` = n / ns points remain per sub-transform: 4s first,
// then 2, 3, 5 — the order of fftRadices in src/reference/fft.ts.
fn radix_for(rest: u32) -> u32 {
  if (rest % 4u == 0u) { return 4u; }
  if (rest % 2u == 0u) { return 2u; }
  if (rest % 3u == 0u) { return 3u; }
  return 5u;
}

// In-place R-point DFT of v[0..R). Constant indices only, so v can live in registers.
fn small_dft(v: ptr<function, array<vec2<f32>, 5>>, radix: u32, s: f32) {
  let a0 = (*v)[0];
  let a1 = (*v)[1];
  let a2 = (*v)[2];
  let a3 = (*v)[3];
  let a4 = (*v)[4];
  switch radix {
    case 2u: {
      (*v)[0] = a0 + a1;
      (*v)[1] = a0 - a1;
    }
    case 3u: {
      let t = a1 + a2;
      let m = a0 - 0.5 * t;
      let d = mul_si(a1 - a2, s * SIN_2PI_3);
      (*v)[0] = a0 + t;
      (*v)[1] = m + d;
      (*v)[2] = m - d;
    }
    case 4u: {
      let t0 = a0 + a2;
      let t1 = a0 - a2;
      let t2 = a1 + a3;
      let t3 = mul_si(a1 - a3, s);
      (*v)[0] = t0 + t2;
      (*v)[1] = t1 + t3;
      (*v)[2] = t0 - t2;
      (*v)[3] = t1 - t3;
    }
    default: {
      // Radix 5: pair r with R − r; cosines act on sums, sines on differences.
      let t1 = a1 + a4;
      let t2 = a2 + a3;
      let d1 = a1 - a4;
      let d2 = a2 - a3;
      let m1 = a0 + COS_2PI_5 * t1 + COS_4PI_5 * t2;
      let m2 = a0 + COS_4PI_5 * t1 + COS_2PI_5 * t2;
      let e1 = mul_si(SIN_2PI_5 * d1 + SIN_4PI_5 * d2, s);
      let e2 = mul_si(SIN_4PI_5 * d1 - SIN_2PI_5 * d2, s);
      (*v)[0] = a0 + t1 + t2;
      (*v)[1] = m1 + e1;
      (*v)[4] = m1 - e1;
      (*v)[2] = m2 + e2;
      (*v)[3] = m2 - e2;
    }
  }
}
