/**
 * e3nn's real basis of each SO(3) irrep, rebuilt exactly as e3nn 0.5.1 builds it
 * (`su2_generators`, `change_basis_real_to_complex`, `so3_generators` in e3nn/o3/_wigner.py),
 * so that Wigner D matrices and 3j symbols come out with e3nn's signs and index order.
 */
import { type ComplexMatrix, complexMatMul, complexZeros, conjugateTranspose } from './dense-matrix';

/**
 * The complex (spherical) basis generators of spin l, indexed m + l, in e3nn's order:
 * [ (J₊+J₋)/2 -ish, i·diag(m), −i(J₊−J₋)/2 -ish ]. e3nn's "raising" sits below the diagonal.
 */
export function su2Generators(l: number): [ComplexMatrix, ComplexMatrix, ComplexMatrix] {
  const n = 2 * l + 1;
  const raising = new Float64Array(n * n);
  const lowering = new Float64Array(n * n);
  for (let m = -l; m < l; m++) {
    // diag(-sqrt(j(j+1) - m(m+1)), offset -1): row (m+l)+1, column m+l
    raising[(m + l + 1) * n + (m + l)] = -Math.sqrt(l * (l + 1) - m * (m + 1));
  }
  for (let m = -l + 1; m <= l; m++) {
    // diag(sqrt(j(j+1) - m(m-1)), offset +1): row (m+l)-1, column m+l
    lowering[(m + l - 1) * n + (m + l)] = Math.sqrt(l * (l + 1) - m * (m - 1));
  }
  const x = complexZeros(n);
  const z = complexZeros(n);
  const y = complexZeros(n);
  for (let i = 0; i < n * n; i++) {
    x.re[i] = 0.5 * (raising[i] + lowering[i]);
    y.im[i] = -0.5 * (raising[i] - lowering[i]);
  }
  for (let m = -l; m <= l; m++) z.im[(m + l) * n + (m + l)] = m;
  return [x, z, y];
}

const realToComplexCache = new Map<number, ComplexMatrix>();

/**
 * Q with complex = Q · real (rows: complex m, columns: real index), including e3nn's global
 * factor (−i)^l that makes the real Clebsch–Gordan coefficients real.
 */
export function changeBasisRealToComplex(l: number): ComplexMatrix {
  const cached = realToComplexCache.get(l);
  if (cached) return cached;
  const n = 2 * l + 1;
  const q = complexZeros(n);
  const h = Math.SQRT1_2;
  for (let m = -l; m < 0; m++) {
    q.re[(l + m) * n + (l - m)] = h;
    q.im[(l + m) * n + (l + m)] = -h;
  }
  q.re[l * n + l] = 1;
  for (let m = 1; m <= l; m++) {
    const sign = m % 2 === 0 ? 1 : -1;
    q.re[(l + m) * n + (l + m)] = sign * h;
    q.im[(l + m) * n + (l - m)] = sign * h;
  }
  // (−i)^l cycles through 1, −i, −1, i.
  const [fr, fi] = [
    [1, 0],
    [0, -1],
    [-1, 0],
    [0, 1],
  ][l % 4];
  for (let i = 0; i < n * n; i++) {
    const [re, im] = [q.re[i], q.im[i]];
    q.re[i] = re * fr - im * fi;
    q.im[i] = re * fi + im * fr;
  }
  realToComplexCache.set(l, q);
  return q;
}

const so3Cache = new Map<number, [Float64Array, Float64Array, Float64Array]>();

/**
 * Real antisymmetric generators (X0, X1, X2) of the spin-l irrep in e3nn's real basis:
 * Q^† X Q. For l = 1, exp(t·X0) = matrixX(t) and exp(t·X1) = matrixY(t).
 */
export function so3Generators(l: number): [Float64Array, Float64Array, Float64Array] {
  const cached = so3Cache.get(l);
  if (cached) return cached;
  const q = changeBasisRealToComplex(l);
  const qDagger = conjugateTranspose(q);
  const generators = su2Generators(l).map((x) => {
    const real = complexMatMul(complexMatMul(qDagger, x), q);
    const worstImag = real.im.reduce((worst, v) => Math.max(worst, Math.abs(v)), 0);
    if (worstImag > 1e-9)
      throw new Error(`so3Generators(${l}): basis change left imaginary part ${worstImag}`);
    return real.re;
  }) as [Float64Array, Float64Array, Float64Array];
  so3Cache.set(l, generators);
  return generators;
}
