// Float64 complex FFT: the twin of shaders/fft/ (same Stockham mixed-radix passes, same twiddle
// table), plus a naive DFT to check it. Complex arrays are interleaved (re, im) Float64Arrays.
//
// Convention: with sign s ∈ {−1, +1}, the transform of x (length n) is
//   X[q] = scale · Σ_r x[r] e^{s·2πi·rq/n}.
// s = −1 is the usual "forward" DFT; s = +1 unscaled is the evaluation of a trigonometric
// polynomial Σ_r x[r] e^{irθ} at θ_q = 2πq/n.

export type FftSign = 1 | -1;

/** Radices the kernels implement. */
export const FFT_RADICES = [4, 2, 3, 5] as const;

/** Smallest n' ≥ n whose prime factors are 2, 3 and 5 only (the sizes the FFT handles). */
export function fftSize(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`fftSize needs an integer ≥ 1, got ${n}`);
  for (let m = n; ; m++) if (isSmooth(m)) return m;
}

function isSmooth(n: number): boolean {
  let m = n;
  for (const p of [2, 3, 5]) while (m % p === 0) m /= p;
  return m === 1;
}

/** The radix of each Stockham pass, in order: 4s first, then a 2, then 3s, then 5s. */
export function fftRadices(n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || !isSmooth(n)) throw new RangeError(`FFT size ${n} is not 2^a·3^b·5^c`);
  const radices: number[] = [];
  let rest = n;
  while (rest > 1) {
    const r = FFT_RADICES.find((p) => rest % p === 0)!;
    radices.push(r);
    rest /= r;
  }
  return radices;
}

/** e^{−2πi t/n} for t = 0..n−1, interleaved; the shaders get it rounded to float32. */
export function twiddleTable(n: number): Float64Array {
  const table = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    // Exact 0 and ±1 at multiples of a quarter turn (Math.cos(π/2) is 6e-17, not 0).
    const angle = (-2 * Math.PI * t) / n;
    const exact = exactUnitRoot(t, n);
    table[2 * t] = exact ? exact[0] : Math.cos(angle);
    table[2 * t + 1] = exact ? exact[1] : Math.sin(angle);
  }
  return table;
}

function exactUnitRoot(t: number, n: number): [number, number] | null {
  if ((4 * t) % n !== 0) return null;
  const quarter = (4 * t) / n; // e^{−iπ/2·quarter}
  return (
    [
      [1, 0],
      [0, -1],
      [-1, 0],
      [0, 1],
    ] as [number, number][]
  )[quarter % 4];
}

/**
 * In-place batched FFT of `count` contiguous columns of length n starting at complex element
 * `offset`, by Stockham auto-sort passes (the algorithm the WGSL runs).
 */
export function fft(
  data: Float64Array,
  n: number,
  count: number,
  sign: FftSign,
  scale = 1,
  offset = 0,
): void {
  const radices = fftRadices(n);
  const twiddles = twiddleTable(n);
  let src = new Float64Array(2 * n);
  let dst = new Float64Array(2 * n);
  const v = new Float64Array(10);
  for (let col = 0; col < count; col++) {
    const base = 2 * (offset + col * n);
    src.set(data.subarray(base, base + 2 * n));
    let ns = 1;
    for (const radix of radices) {
      stockhamPass(src, dst, n, ns, radix, sign, twiddles, v);
      [src, dst] = [dst, src];
      ns *= radix;
    }
    for (let i = 0; i < 2 * n; i++) data[base + i] = scale * src[i];
  }
}

/** One pass: radix-R butterflies on sub-transforms of length ns·R, output in sorted order. */
function stockhamPass(
  src: Float64Array,
  dst: Float64Array,
  n: number,
  ns: number,
  radix: number,
  sign: FftSign,
  twiddles: Float64Array,
  v: Float64Array,
): void {
  const span = n / radix;
  const stride = span / ns; // twiddle index step: n / (ns·R)
  for (let j = 0; j < span; j++) {
    const k = j % ns;
    for (let r = 0; r < radix; r++) {
      const t = (k * r * stride) % n;
      const [wr, wi] = [twiddles[2 * t], -sign * twiddles[2 * t + 1]];
      const [xr, xi] = [src[2 * (j + r * span)], src[2 * (j + r * span) + 1]];
      v[2 * r] = xr * wr - xi * wi;
      v[2 * r + 1] = xr * wi + xi * wr;
    }
    smallDft(v, radix, sign);
    const out = Math.floor(j / ns) * ns * radix + k;
    for (let r = 0; r < radix; r++) {
      dst[2 * (out + r * ns)] = v[2 * r];
      dst[2 * (out + r * ns) + 1] = v[2 * r + 1];
    }
  }
}

/** The R-point DFT with sign s, in place (R ≤ 5: direct sum, exact roots of unity in float64). */
const dftRe = new Float64Array(5);
const dftIm = new Float64Array(5);

function smallDft(v: Float64Array, radix: number, sign: FftSign): void {
  const [re, im] = [dftRe, dftIm];
  for (let q = 0; q < radix; q++) {
    re[q] = 0;
    im[q] = 0;
    for (let r = 0; r < radix; r++) {
      const angle = (sign * 2 * Math.PI * ((r * q) % radix)) / radix;
      const [c, s] = (r * q) % radix === 0 ? [1, 0] : [Math.cos(angle), Math.sin(angle)];
      re[q] += v[2 * r] * c - v[2 * r + 1] * s;
      im[q] += v[2 * r] * s + v[2 * r + 1] * c;
    }
  }
  for (let q = 0; q < radix; q++) {
    v[2 * q] = re[q];
    v[2 * q + 1] = im[q];
  }
}

/** O(n²) DFT with the same convention, for tests: X[q] = scale · Σ_r x[r] e^{s·2πi·rq/n}. */
export function naiveDft(x: Float64Array, n: number, sign: FftSign, scale = 1): Float64Array {
  const out = new Float64Array(2 * n);
  for (let q = 0; q < n; q++) {
    let re = 0;
    let im = 0;
    for (let r = 0; r < n; r++) {
      // Reduce r·q mod n first: the angle stays in [0, 2π) and keeps full accuracy.
      const angle = (sign * 2 * Math.PI * ((r * q) % n)) / n;
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      re += x[2 * r] * c - x[2 * r + 1] * s;
      im += x[2 * r] * s + x[2 * r + 1] * c;
    }
    out[2 * q] = scale * re;
    out[2 * q + 1] = scale * im;
  }
  return out;
}

/**
 * Linear 2D convolution of complex grids a (ra × ca) and b (rb × cb), row-major interleaved, by
 * zero-padded 2D FFT: the result is (ra+rb−1) × (ca+cb−1). The textbook route of Luo et al.
 */
export function convolve2d(a: Float64Array, ra: number, ca: number, b: Float64Array, rb: number, cb: number) {
  const rows = ra + rb - 1;
  const cols = ca + cb - 1;
  const [nr, nc] = [fftSize(rows), fftSize(cols)];
  const spectra = [pad2d(a, ra, ca, nr, nc), pad2d(b, rb, cb, nr, nc)].map((grid) => fft2d(grid, nr, nc, -1));
  const product = new Float64Array(2 * nr * nc);
  for (let i = 0; i < nr * nc; i++) {
    const [xr, xi, yr, yi] = [
      spectra[0][2 * i],
      spectra[0][2 * i + 1],
      spectra[1][2 * i],
      spectra[1][2 * i + 1],
    ];
    product[2 * i] = xr * yr - xi * yi;
    product[2 * i + 1] = xr * yi + xi * yr;
  }
  const full = fft2d(product, nr, nc, 1, 1 / (nr * nc));
  const out = new Float64Array(2 * rows * cols);
  for (let r = 0; r < rows; r++) out.set(full.subarray(2 * r * nc, 2 * (r * nc + cols)), 2 * r * cols);
  return out;
}

function pad2d(x: Float64Array, rows: number, cols: number, nr: number, nc: number): Float64Array {
  const out = new Float64Array(2 * nr * nc);
  for (let r = 0; r < rows; r++) out.set(x.subarray(2 * r * cols, 2 * (r + 1) * cols), 2 * r * nc);
  return out;
}

/** 2D FFT of a row-major nr × nc grid: rows in place, then columns through a transpose. */
function fft2d(grid: Float64Array, nr: number, nc: number, sign: FftSign, scale = 1): Float64Array {
  const x = grid.slice();
  fft(x, nc, nr, sign);
  const t = transpose(x, nr, nc);
  fft(t, nr, nc, sign, scale);
  return transpose(t, nc, nr);
}

function transpose(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out[2 * (c * rows + r)] = x[2 * (r * cols + c)];
      out[2 * (c * rows + r) + 1] = x[2 * (r * cols + c) + 1];
    }
  }
  return out;
}
