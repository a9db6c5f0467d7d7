/**
 * Wigner D matrices in e3nn's real basis (e3nn `wigner_D`, `Irrep.D_from_matrix`,
 * `Irreps.D_from_matrix`).
 *
 * e3nn computes D^l(α, β, γ) = exp(α X1) · exp(β X0) · exp(γ X1) with torch.matrix_exp. Here:
 *  - exp(θ X1), a rotation about the polar axis y, is exact: X1 only couples the real
 *    components m and −m, so it is a set of 2×2 rotations by cos(mθ), sin(mθ);
 *  - exp(β X0), about x, is written as Jᵀ exp(β X1) J with J = exp(π/2 · X2) the quarter turn
 *    about z that carries x to y (Rx(β) = Rz(−π/2) Ry(β) Rz(π/2)). J is computed once per l.
 * Every factor is orthogonal, so the result stays accurate for any l, and each call costs one
 * dense (2l+1)³ product plus O((2l+1)²) work.
 */

import { squareMatMul, squareMatrixExp, squareTranspose } from './dense-matrix';
import type { Irreps, Parity } from './irreps';
import { det, type Mat3, matrixToAngles } from './rotation';
import { so3Generators } from './so3-generators';

interface WignerBasis {
  /** yFrequency[m] for m = 1..l: exp(θ X1) maps (v[l+m], v[l−m]) by a rotation of angle f·θ. */
  yFrequency: Float64Array;
  /** J = exp(π/2 · X2). */
  quarterTurnZ: Float64Array;
  quarterTurnZTransposed: Float64Array;
}

const basisCache = new Map<number, WignerBasis>();

function wignerBasis(l: number): WignerBasis {
  const cached = basisCache.get(l);
  if (cached) return cached;
  const n = 2 * l + 1;
  const [, x1, x2] = so3Generators(l);
  const yFrequency = new Float64Array(l + 1);
  for (let m = 1; m <= l; m++) yFrequency[m] = x1[(l + m) * n + (l - m)];
  const scaled = x2.map((v) => (v * Math.PI) / 2);
  const quarterTurnZ = squareMatrixExp(scaled, n);
  const basis = { yFrequency, quarterTurnZ, quarterTurnZTransposed: squareTranspose(quarterTurnZ, n) };
  basisCache.set(l, basis);
  return basis;
}

/** In place: rows ← exp(θ X1) · rows (left multiplication), for an n×n row-major matrix. */
function rotateRowsAboutY(a: Float64Array, l: number, theta: number, freq: Float64Array): void {
  const n = 2 * l + 1;
  for (let m = 1; m <= l; m++) {
    // On the pair (i, j) = (l+m, l−m), X1 = [[0, f], [−f, 0]], so exp(θ X1) = [[c, s], [−s, c]].
    const c = Math.cos(freq[m] * theta);
    const s = Math.sin(freq[m] * theta);
    const i = (l + m) * n;
    const j = (l - m) * n;
    for (let k = 0; k < n; k++) {
      const ai = a[i + k];
      const aj = a[j + k];
      a[i + k] = c * ai + s * aj;
      a[j + k] = -s * ai + c * aj;
    }
  }
}

/** In place: columns ← columns · exp(θ X1) (right multiplication). */
function rotateColumnsAboutY(a: Float64Array, l: number, theta: number, freq: Float64Array): void {
  const n = 2 * l + 1;
  for (let m = 1; m <= l; m++) {
    const c = Math.cos(freq[m] * theta);
    const s = Math.sin(freq[m] * theta);
    const i = l + m;
    const j = l - m;
    for (let k = 0; k < n; k++) {
      const ai = a[k * n + i];
      const aj = a[k * n + j];
      a[k * n + i] = c * ai - s * aj;
      a[k * n + j] = s * ai + c * aj;
    }
  }
}

/** e3nn `wigner_D(l, α, β, γ)`: (2l+1)×(2l+1), row-major. D¹ equals anglesToMatrix(α, β, γ). */
export function wignerD(l: number, alpha: number, beta: number, gamma: number): Float64Array {
  if (!Number.isInteger(l) || l < 0) throw new RangeError(`wignerD: l must be an integer ≥ 0, got ${l}`);
  const n = 2 * l + 1;
  const { yFrequency, quarterTurnZ, quarterTurnZTransposed } = wignerBasis(l);
  // D = Y(α) · Jᵀ · Y(β) · J · Y(γ)
  const right = quarterTurnZ.slice();
  rotateRowsAboutY(right, l, beta, yFrequency);
  rotateColumnsAboutY(right, l, gamma, yFrequency);
  const d = squareMatMul(quarterTurnZTransposed, right, n);
  rotateRowsAboutY(d, l, alpha, yFrequency);
  return d;
}

/** D^l of a proper rotation matrix (det +1), through e3nn's matrixToAngles. */
export function wignerDFromMatrix(l: number, R: Mat3): Float64Array {
  const { alpha, beta, gamma } = matrixToAngles(R);
  return wignerD(l, alpha, beta, gamma);
}

/**
 * D of irrep (l, p) for any orthogonal R, as e3nn `Irrep.D_from_matrix`: an improper R = −R'
 * (det −1) acts as the inversion times the rotation R', and the inversion contributes p.
 */
export function irrepDFromMatrix(l: number, p: Parity, R: Mat3): Float64Array {
  const { proper, improper } = splitParity(R);
  const d = wignerDFromMatrix(l, proper);
  if (improper && p === -1) for (let i = 0; i < d.length; i++) d[i] = -d[i];
  return d;
}

/**
 * Block-diagonal D(R) acting on data laid out by `irreps` (e3nn `Irreps.D_from_matrix`),
 * dim×dim row-major; each of the mul copies of an irrep gets its own diagonal block.
 */
export function blockDiagonalD(irreps: Irreps, R: Mat3): Float64Array {
  const { proper, improper } = splitParity(R);
  const angles = matrixToAngles(proper);
  const dim = irreps.dim;
  const out = new Float64Array(dim * dim);
  let offset = 0;
  for (const { mul, ir } of irreps) {
    if (mul === 0) continue;
    const n = ir.dim;
    const sign = improper && ir.p === -1 ? -1 : 1;
    const d = wignerD(ir.l, angles.alpha, angles.beta, angles.gamma);
    for (let u = 0; u < mul; u++) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) out[(offset + i) * dim + offset + j] = sign * d[i * n + j];
      }
      offset += n;
    }
  }
  return out;
}

/** Writes an orthogonal R as ±R' with R' proper; improper means det R < 0. */
function splitParity(R: Mat3): { proper: Mat3; improper: boolean } {
  const improper = det(R) < 0;
  return { proper: improper ? R.map((v) => -v) : R, improper };
}
