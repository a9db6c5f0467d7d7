/**
 * Small dense square matrices (row-major Float64Array, n×n) and complex ones as (re, im) pairs.
 * Only what the Wigner-D and 3j constructions need; sizes are (2l+1)², so plain loops suffice.
 */

export interface ComplexMatrix {
  readonly n: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

export function complexZeros(n: number): ComplexMatrix {
  return { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
}

/** a · b for complex n×n matrices. */
export function complexMatMul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const { n } = a;
  const out = complexZeros(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const ar = a.re[i * n + k];
      const ai = a.im[i * n + k];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < n; j++) {
        const br = b.re[k * n + j];
        const bi = b.im[k * n + j];
        out.re[i * n + j] += ar * br - ai * bi;
        out.im[i * n + j] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** Conjugate transpose a^†. */
export function conjugateTranspose(a: ComplexMatrix): ComplexMatrix {
  const { n } = a;
  const out = complexZeros(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out.re[j * n + i] = a.re[i * n + j];
      out.im[j * n + i] = -a.im[i * n + j];
    }
  }
  return out;
}

/** a · b for real n×n matrices. */
export function squareMatMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

export function squareTranspose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = a[i * n + j];
  return out;
}

export function squareIdentity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/**
 * exp(a) by scaling and squaring with a Taylor series. Meant for the real antisymmetric
 * so(3) generators: there exp(a) is orthogonal, so squaring does not amplify rounding errors.
 */
export function squareMatrixExp(a: Float64Array, n: number): Float64Array {
  let norm1 = 0; // max column sum bounds the spectral radius
  for (let j = 0; j < n; j++) {
    let col = 0;
    for (let i = 0; i < n; i++) col += Math.abs(a[i * n + j]);
    norm1 = Math.max(norm1, col);
  }
  const squarings = norm1 > 0.25 ? Math.ceil(Math.log2(norm1 / 0.25)) : 0;
  const scaled = a.map((v) => v / 2 ** squarings);
  // With ‖scaled‖ ≤ 1/4, 20 Taylor terms leave a remainder far below float64 epsilon.
  let result = squareIdentity(n);
  let term = squareIdentity(n);
  for (let k = 1; k <= 20; k++) {
    term = squareMatMul(term, scaled, n).map((v) => v / k);
    for (let i = 0; i < n * n; i++) result[i] += term[i];
  }
  for (let s = 0; s < squarings; s++) result = squareMatMul(result, result, n);
  return result;
}
