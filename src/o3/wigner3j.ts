/**
 * e3nn's `wigner_3j(l1, l2, l3)`: the SO(3)-invariant tensor C of shape (2l1+1, 2l2+1, 2l3+1)
 * in e3nn's real basis, with Frobenius norm 1 and e3nn's signs. Built the way e3nn builds it:
 * complex Clebsch–Gordan coefficients, changed to the real basis with Q (which carries e3nn's
 * (−i)^l factor), real part taken, normalised.
 */
import { su2ClebschGordanCoefficient } from './clebsch-gordan';
import { changeBasisRealToComplex } from './so3-generators';

interface SparseEntry {
  col: number;
  re: number;
  im: number;
}

/** Non-zero entries of each row of Q (two per row, one for m = 0). */
function sparseRows(l: number): SparseEntry[][] {
  const q = changeBasisRealToComplex(l);
  const n = 2 * l + 1;
  const rows: SparseEntry[][] = [];
  for (let i = 0; i < n; i++) {
    const row: SparseEntry[] = [];
    for (let j = 0; j < n; j++) {
      const re = q.re[i * n + j];
      const im = q.im[i * n + j];
      if (re !== 0 || im !== 0) row.push({ col: j, re, im });
    }
    rows.push(row);
  }
  return rows;
}

export function isValidTriple(l1: number, l2: number, l3: number): boolean {
  return [l1, l2, l3].every((l) => Number.isInteger(l) && l >= 0) && Math.abs(l2 - l3) <= l1 && l1 <= l2 + l3;
}

const cache = new Map<string, Float64Array>();

function computeWigner3j(l1: number, l2: number, l3: number): Float64Array {
  const [n1, n2, n3] = [2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1];
  const [q1, q2, q3] = [sparseRows(l1), sparseRows(l2), sparseRows(l3)];
  const re = new Float64Array(n1 * n2 * n3);
  const im = new Float64Array(n1 * n2 * n3);
  // C_real[a,b,c] = Σ Q1[i,a] Q2[k,b] conj(Q3[n,c]) C[i,k,n] (e3nn: einsum 'ij,kl,mn,ikn->jlm').
  for (let m1 = -l1; m1 <= l1; m1++) {
    for (let m2 = -l2; m2 <= l2; m2++) {
      const m3 = m1 + m2;
      if (Math.abs(m3) > l3) continue;
      const cg = su2ClebschGordanCoefficient(l1, m1, l2, m2, l3, m3);
      if (cg === 0) continue;
      for (const e1 of q1[m1 + l1]) {
        for (const e2 of q2[m2 + l2]) {
          const r12 = (e1.re * e2.re - e1.im * e2.im) * cg;
          const i12 = (e1.re * e2.im + e1.im * e2.re) * cg;
          for (const e3 of q3[m3 + l3]) {
            const index = (e1.col * n2 + e2.col) * n3 + e3.col;
            // multiply by conj(e3) = e3.re − i e3.im
            re[index] += r12 * e3.re + i12 * e3.im;
            im[index] += i12 * e3.re - r12 * e3.im;
          }
        }
      }
    }
  }
  let norm2 = 0;
  let imag2 = 0;
  for (let i = 0; i < re.length; i++) {
    norm2 += re[i] * re[i];
    imag2 += im[i] * im[i];
  }
  if (imag2 > 1e-18 * norm2) throw new Error(`wigner3j(${l1},${l2},${l3}): real-basis tensor is not real`);
  const norm = Math.sqrt(norm2);
  return re.map((v) => v / norm);
}

/**
 * C[i, j, k] at index (i·(2l2+1) + j)·(2l3+1) + k, i = m1 + l1 etc. Invariant:
 * C_lmn = Σ C_ijk D1_il D2_jm D3_kn. Throws unless |l2 − l3| ≤ l1 ≤ l2 + l3.
 * Results are memoised; each call returns a fresh copy that the caller may modify.
 */
export function wigner3j(l1: number, l2: number, l3: number): Float64Array {
  if (!isValidTriple(l1, l2, l3)) {
    throw new RangeError(`wigner3j(${l1}, ${l2}, ${l3}): need integers l ≥ 0 with |l2 − l3| ≤ l1 ≤ l2 + l3`);
  }
  const key = `${l1},${l2},${l3}`;
  let tensor = cache.get(key);
  if (!tensor) {
    tensor = computeWigner3j(l1, l2, l3);
    cache.set(key, tensor);
  }
  return tensor.slice();
}
