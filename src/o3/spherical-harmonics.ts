// Real spherical harmonics in float64 with e3nn 0.5.1 conventions (polar axis y; l = 1 block is
// √3·(x, y, z) under `component`; block l holds m = −l..l at index m + l). This is also the float64
// twin of the generated WGSL kernels in shaders/sh/: same recursion, same coefficients.
// See docs/conventions.md § Spherical harmonics and sh-coefficients.ts for the math.

import {
  gradientCoefficients,
  INV_SQRT_4PI,
  normFactor,
  recursionCoefficients,
  sectoralConstant,
  subSectoralFactor,
} from './sh-coefficients';

export type ShNormalization = 'component' | 'norm' | 'integral';
export interface ShOptions {
  normalize: boolean;
  normalization: ShNormalization;
}

/** e3nn's clamp in torch.nn.functional.normalize. */
export const SH_NORMALIZE_EPS = 1e-12;

export function shDim(lmax: number): number {
  return (lmax + 1) * (lmax + 1);
}

/** Output scale of block l relative to `component`. */
export function blockScale(l: number, normalization: ShNormalization): number {
  if (normalization === 'norm') return normFactor(l);
  if (normalization === 'integral') return INV_SQRT_4PI;
  return 1;
}

const triangle = (l: number, m: number) => (l * (l + 1)) / 2 + m;

/** Precomputed per-lmax tables so the per-vector loops only multiply and add. */
interface Tables {
  sectoral: Float64Array; // q̂_l^l
  sub: Float64Array; // q̂_l^{l−1} / (Z q̂_{l−1}^{l−1})
  a: Float64Array; // triangle-indexed
  b: Float64Array;
  radial: Float64Array;
  polar: Float64Array;
}

function buildTables(lmax: number): Tables {
  const size = triangle(lmax + 1, 0);
  const t: Tables = {
    sectoral: new Float64Array(lmax + 1),
    sub: new Float64Array(lmax + 1),
    a: new Float64Array(size),
    b: new Float64Array(size),
    radial: new Float64Array(size),
    polar: new Float64Array(size),
  };
  for (let l = 0; l <= lmax; l++) {
    t.sectoral[l] = sectoralConstant(l);
    t.sub[l] = subSectoralFactor(l);
    for (let m = 0; m <= l; m++) {
      if (m <= l - 2) {
        const { a, b } = recursionCoefficients(l, m);
        t.a[triangle(l, m)] = a;
        t.b[triangle(l, m)] = b;
      }
      const { radial, polar } = gradientCoefficients(l, m);
      t.radial[triangle(l, m)] = radial;
      t.polar[triangle(l, m)] = polar;
    }
  }
  return t;
}

/** Fills q̂_l^m(Z, ρ) for all 0 ≤ m ≤ l ≤ lmax (triangle-indexed). */
function fillQ(t: Tables, lmax: number, Z: number, rho: number, q: Float64Array): void {
  for (let l = 0; l <= lmax; l++) {
    q[triangle(l, l)] = t.sectoral[l];
    if (l >= 1) q[triangle(l, l - 1)] = t.sub[l] * Z * q[triangle(l - 1, l - 1)];
    for (let m = 0; m <= l - 2; m++) {
      const k = triangle(l, m);
      q[k] = t.a[k] * Z * q[triangle(l - 1, m)] - t.b[k] * rho * q[triangle(l - 2, m)];
    }
  }
}

/** Fills c_m + i s_m = (X + iY)^m for m = 0..lmax. */
function fillCosSin(lmax: number, X: number, Y: number, c: Float64Array, s: Float64Array): void {
  c[0] = 1;
  s[0] = 0;
  for (let m = 1; m <= lmax; m++) {
    c[m] = X * c[m - 1] - Y * s[m - 1];
    s[m] = X * s[m - 1] + Y * c[m - 1];
  }
}

/** The point the polynomials are evaluated at: x itself, or x / max(|x|, eps) when normalizing. */
function evaluationPoint(vectors: Float64Array, i: number, normalize: boolean) {
  const x = vectors[3 * i];
  const y = vectors[3 * i + 1];
  const z = vectors[3 * i + 2];
  const length = Math.hypot(x, y, z);
  const divisor = normalize ? Math.max(length, SH_NORMALIZE_EPS) : 1;
  return { x: x / divisor, y: y / divisor, z: z / divisor, length };
}

function checkInput(lmax: number, vectors: Float64Array): number {
  if (!Number.isInteger(lmax) || lmax < 0)
    throw new Error(`lmax must be a non-negative integer, got ${lmax}`);
  if (vectors.length % 3 !== 0) throw new Error(`vectors length ${vectors.length} is not a multiple of 3`);
  return vectors.length / 3;
}

/** Y(vectors) as an n × (lmax+1)² row-major array. */
export function sphericalHarmonics(lmax: number, vectors: Float64Array, opts: ShOptions): Float64Array {
  const n = checkInput(lmax, vectors);
  const dim = shDim(lmax);
  const t = buildTables(lmax);
  const q = new Float64Array(triangle(lmax + 1, 0));
  const c = new Float64Array(lmax + 1);
  const s = new Float64Array(lmax + 1);
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    const p = evaluationPoint(vectors, i, opts.normalize);
    // Textbook axes (X, Y, Z) = (z, x, y).
    fillQ(t, lmax, p.y, p.x * p.x + p.y * p.y + p.z * p.z, q);
    fillCosSin(lmax, p.z, p.x, c, s);
    for (let l = 0; l <= lmax; l++) {
      const scale = blockScale(l, opts.normalization);
      const row = i * dim + l * l + l; // index of m = 0
      out[row] = scale * q[triangle(l, 0)];
      for (let m = 1; m <= l; m++) {
        const qlm = scale * q[triangle(l, m)];
        out[row + m] = qlm * c[m];
        out[row - m] = qlm * s[m];
      }
    }
  }
  return out;
}

/**
 * Gradient of Σ gradOut · Y(vectors) with respect to vectors (3n). Analytic: the Cartesian gradient
 * of each solid harmonic from lower-degree q̂ (sh-coefficients.ts), then the Jacobian of x ↦ x/|x|.
 */
export function sphericalHarmonicsBackward(
  lmax: number,
  vectors: Float64Array,
  gradOut: Float64Array,
  opts: ShOptions,
): Float64Array {
  const n = checkInput(lmax, vectors);
  const dim = shDim(lmax);
  if (gradOut.length !== n * dim) throw new Error(`gradOut length ${gradOut.length}, expected ${n * dim}`);
  const t = buildTables(lmax);
  const q = new Float64Array(triangle(lmax + 1, 0));
  const c = new Float64Array(lmax + 1);
  const s = new Float64Array(lmax + 1);
  const grad = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const p = evaluationPoint(vectors, i, opts.normalize);
    const [X, Y, Z] = [p.z, p.x, p.y];
    fillQ(t, lmax, Z, X * X + Y * Y + Z * Z, q);
    fillCosSin(lmax, X, Y, c, s);
    // ∇R = (gX − X·radialSum, gY − Y·radialSum, gZ): the ρ-dependence of every q̂ contributes a
    // multiple of (X, Y) — summed once in radialSum.
    let gX = 0;
    let gY = 0;
    let gZ = 0;
    let radialSum = 0;
    for (let l = 1; l <= lmax; l++) {
      const scale = blockScale(l, opts.normalization);
      const row = i * dim + l * l + l;
      for (let m = 0; m <= l; m++) {
        const k = triangle(l, m);
        // Angular factor weights: φ = 1 (m = 0) or c_m (weight wc) and s_m (weight ws).
        const wc = scale * gradOut[row + m];
        const ws = m === 0 ? 0 : scale * gradOut[row - m];
        const angular = wc * c[m] + ws * s[m];
        if (m <= l - 2) radialSum += t.radial[k] * q[triangle(l - 1, m + 1)] * angular;
        if (m <= l - 1) gZ += t.polar[k] * q[triangle(l - 1, m)] * angular;
        if (m >= 1) {
          // ∂_X (c_m, s_m) = m (c_{m−1}, s_{m−1});  ∂_Y (c_m, s_m) = m (−s_{m−1}, c_{m−1}).
          const mq = m * q[k];
          gX += mq * (wc * c[m - 1] + ws * s[m - 1]);
          gY += mq * (ws * c[m - 1] - wc * s[m - 1]);
        }
      }
    }
    gX -= X * radialSum;
    gY -= Y * radialSum;
    // Back to e3nn axes: (x, y, z) = (Y, Z, X).
    writeChained(grad, i, [gY, gZ, gX], p, opts.normalize);
  }
  return grad;
}

/** Chains ∂L/∂p through p = x / max(|x|, eps): (I − p pᵀ)/|x|, or 1/eps inside the clamp. */
function writeChained(
  grad: Float64Array,
  i: number,
  gp: [number, number, number],
  p: { x: number; y: number; z: number; length: number },
  normalize: boolean,
): void {
  let [gx, gy, gz] = gp;
  if (normalize) {
    if (p.length > SH_NORMALIZE_EPS) {
      const radial = gx * p.x + gy * p.y + gz * p.z;
      gx = (gx - radial * p.x) / p.length;
      gy = (gy - radial * p.y) / p.length;
      gz = (gz - radial * p.z) / p.length;
    } else {
      gx /= SH_NORMALIZE_EPS;
      gy /= SH_NORMALIZE_EPS;
      gz /= SH_NORMALIZE_EPS;
    }
  }
  grad[3 * i] = gx;
  grad[3 * i + 1] = gy;
  grad[3 * i + 2] = gz;
}
