/**
 * Optimal superposition of two point sets (float64): the least RMSD over proper rotations after
 * centring (Horn's quaternion form of the Kabsch problem), and its minimum over all
 * correspondences of the points. Used to prove which Tetris shapes are chiral.
 */

/** Copy of an n × 3 array with its centroid moved to the origin. */
export function centred(points: Float64Array): Float64Array {
  const n = points.length / 3;
  const c = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) c[d] += points[3 * i + d] / n;
  const out = new Float64Array(points.length);
  for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) out[3 * i + d] = points[3 * i + d] - c[d];
  return out;
}

/**
 * min over proper rotations R and translations t of sqrt(mean_i ‖R a_i + t − b_i‖²), with point
 * i of `a` matched to point i of `b`. Horn (1987): the best rotation is the top eigenvector of a
 * 4 × 4 symmetric matrix built from the cross-covariance, and RMSD² = (Σa² + Σb² − 2λmax) / n.
 */
export function minRmsdProper(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length || a.length % 3 !== 0 || a.length === 0) {
    throw new RangeError(`minRmsdProper: need two equal, non-empty n × 3 arrays (${a.length}, ${b.length})`);
  }
  const n = a.length / 3;
  const ac = centred(a);
  const bc = centred(b);
  // S[p][q] = Σ_i a_ip b_iq
  const S = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let norms = 0;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < 3; p++) {
      norms += ac[3 * i + p] ** 2 + bc[3 * i + p] ** 2;
      for (let q = 0; q < 3; q++) S[3 * p + q] += ac[3 * i + p] * bc[3 * i + q];
    }
  }
  const [xx, xy, xz, yx, yy, yz, zx, zy, zz] = S;
  const N = [
    [xx + yy + zz, yz - zy, zx - xz, xy - yx],
    [yz - zy, xx - yy - zz, xy + yx, zx + xz],
    [zx - xz, xy + yx, -xx + yy - zz, yz + zy],
    [xy - yx, zx + xz, yz + zy, -xx - yy + zz],
  ];
  const lambdaMax = Math.max(...symmetricEigenvalues(N));
  return Math.sqrt(Math.max(0, (norms - 2 * lambdaMax) / n));
}

/**
 * The least `minRmsdProper` over every bijection between the points (n! of them, so keep n ≤ 8).
 * Where `species` is given, only bijections that map each point to one of the same species count.
 */
export function minRmsdOverPermutations(a: Float64Array, b: Float64Array, species?: Int32Array): number {
  const n = a.length / 3;
  if (n > 8) throw new RangeError(`minRmsdOverPermutations: ${n} points means ${n}! permutations`);
  let best = Number.POSITIVE_INFINITY;
  const permuted = new Float64Array(b.length);
  for (const perm of permutations(n)) {
    if (species && perm.some((j, i) => species[i] !== species[j])) continue;
    perm.forEach((j, i) => {
      permuted.set(b.subarray(3 * j, 3 * j + 3), 3 * i);
    });
    best = Math.min(best, minRmsdProper(a, permuted));
  }
  return best;
}

/** Point reflection through the plane x = 0 (an improper orthogonal map): x → −x. */
export function mirrorX(points: Float64Array): Float64Array {
  const out = Float64Array.from(points);
  for (let i = 0; i < out.length; i += 3) out[i] = -out[i];
  return out;
}

/** All permutations of 0..n−1 (Heap's algorithm). */
export function permutations(n: number): number[][] {
  const out: number[][] = [];
  const p = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  out.push(p.slice());
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const k = i % 2 === 0 ? 0 : c[i];
      [p[k], p[i]] = [p[i], p[k]];
      out.push(p.slice());
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return out;
}

/** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (exact to round-off). */
export function symmetricEigenvalues(matrix: number[][]): number[] {
  const n = matrix.length;
  const A = matrix.map((row) => row.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        if (p !== q) off += A[p][q] ** 2;
        scale += A[p][q] ** 2;
      }
    }
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        if (A[p][q] === 0) continue;
        // The rotation that zeroes A[p][q] (Golub & Van Loan, sym.schur2).
        const tau = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return A.map((row, i) => row[i]);
}
