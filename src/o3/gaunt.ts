// Real Gaunt coefficients G[l1m1, l2m2, l3m3] = ∫_{S²} Y_l1m1 Y_l2m2 Y_l3m3 for e3nn's real
// spherical harmonics with `integral` normalisation (orthonormal), in float64.
//
// How: exact quadrature of sphericalHarmonics, factored. On a Gauss–Legendre × uniform grid every
// e3nn harmonic splits as Y_lm(θ, φ) = Θ_l|m|(cos θ) · Φ_m(φ) with Φ_m = cos(mφ) (m ≥ 0) or
// sin(|m|φ) (m < 0), and Θ_l|m| = Y_l|m| evaluated at azimuth φ = 0 (where cos = 1). So
//   G = [Σ_i w_i Θ1 Θ2 Θ3 at the Gauss–Legendre nodes] · [∫ Φ_m1 Φ_m2 Φ_m3 dφ].
// The φ-integral is done in closed form (a product of three exponentials integrates to 2π or 0),
// which gives the m-selection rule for free; the θ-sum is exact because Θ1Θ2Θ3 is a polynomial of
// degree ≤ l1+l2+l3 in cos θ whenever the φ-integral is non-zero (|m1|+|m2|+|m3| is then even).
// gaunt.test.ts checks this against a brute-force 2D quadrature and e3nn's gaunt.json.

import { coefficientCount, coefficientIndex } from './gaunt-layout';
import { gaussLegendre } from './quadrature';
import { sphericalHarmonics } from './spherical-harmonics';

/** Non-zero test for coefficients that vanish analytically but come out as ~1e-17 in float64. */
export const GAUNT_ZERO = 1e-14;

/** True when ∫ Y_l1 Y_l2 Y_l3 can be non-zero: triangle inequality and l1 + l2 + l3 even. */
export function gauntPathAllowed(l1: number, l2: number, l3: number): boolean {
  return l3 >= Math.abs(l1 - l2) && l3 <= l1 + l2 && (l1 + l2 + l3) % 2 === 0;
}

/** Φ_m = Σ_{s=±1} a_m(s) e^{i s|m|φ}: the coefficient a_m(s) as [re, im]. */
function azimuthCoefficient(m: number, s: number): [number, number] {
  if (m >= 0) return [0.5, 0]; // cos(mφ) = (e^{imφ} + e^{−imφ})/2; m = 0 gives 1
  return [0, -0.5 * s]; // sin(|m|φ) = (e^{i|m|φ} − e^{−i|m|φ})/(2i)
}

/** ∫_0^{2π} Φ_m1 Φ_m2 Φ_m3 dφ in closed form (exact zeros where the frequencies cannot cancel). */
export function azimuthIntegral(m1: number, m2: number, m3: number): number {
  let re = 0;
  for (const s1 of [1, -1]) {
    for (const s2 of [1, -1]) {
      for (const s3 of [1, -1]) {
        if (s1 * Math.abs(m1) + s2 * Math.abs(m2) + s3 * Math.abs(m3) !== 0) continue;
        const [ar, ai] = azimuthCoefficient(m1, s1);
        const [br, bi] = azimuthCoefficient(m2, s2);
        const [cr, ci] = azimuthCoefficient(m3, s3);
        const abr = ar * br - ai * bi;
        const abi = ar * bi + ai * br;
        re += abr * cr - abi * ci;
      }
    }
  }
  return 2 * Math.PI * re;
}

/** Θ_l|m|(y_i) for l ≤ lmax at the n Gauss–Legendre nodes y_i, with the weights. Memoized per (n, lmax). */
interface PolarFactors {
  weights: Float64Array;
  /** n × (lmax+1)² row-major: Y_lm at (θ_i, φ = 0); only m ≥ 0 entries are used. */
  theta: Float64Array;
  dim: number;
}
const polarCache = new Map<string, PolarFactors>();

function polarFactors(n: number, lmax: number): PolarFactors {
  const key = `${n},${lmax}`;
  const cached = polarCache.get(key);
  if (cached) return cached;
  const { nodes, weights } = gaussLegendre(n);
  // φ = 0 in e3nn axes: (x, y, z) = (sin θ·sin 0, cos θ, sin θ·cos 0).
  const points = new Float64Array(3 * n);
  nodes.forEach((y, i) => {
    points[3 * i + 1] = y;
    points[3 * i + 2] = Math.sqrt((1 - y) * (1 + y));
  });
  const theta = sphericalHarmonics(lmax, points, { normalize: false, normalization: 'integral' });
  const factors = { weights, theta, dim: coefficientCount(lmax) };
  polarCache.set(key, factors);
  return factors;
}

/** The non-zeros of one (l1, l2, l3) block: dense index ((m1+l1)·(2l2+1) + (m2+l2))·(2l3+1) + (m3+l3), ascending. */
interface SparseBlock {
  index: Uint32Array;
  value: Float64Array;
}

const blockCache = new Map<string, SparseBlock>();

function computeBlock(l1: number, l2: number, l3: number): SparseBlock {
  const [n2, n3] = [2 * l2 + 1, 2 * l3 + 1];
  const index: number[] = [];
  const value: number[] = [];
  if (gauntPathAllowed(l1, l2, l3)) {
    const polar = polarFactors(Math.ceil((l1 + l2 + l3 + 1) / 2), Math.max(l1, l2, l3));
    const thetaSum = (a: number, b: number, c: number) => {
      let sum = 0;
      for (let i = 0; i < polar.weights.length; i++) {
        const row = i * polar.dim;
        sum += polar.weights[i] * polar.theta[row + a] * polar.theta[row + b] * polar.theta[row + c];
      }
      return sum;
    };
    for (let m1 = -l1; m1 <= l1; m1++) {
      for (let m2 = -l2; m2 <= l2; m2++) {
        // |m3| must be |m1| + |m2| or ||m1| − |m2|| for the azimuthal frequencies to cancel;
        // ascending m3 keeps the dense indices sorted.
        const sum = Math.abs(m1) + Math.abs(m2);
        const diff = Math.abs(Math.abs(m1) - Math.abs(m2));
        const candidates = [...new Set([-sum, -diff, diff, sum])].filter((m3) => Math.abs(m3) <= l3);
        for (const m3 of candidates) {
          const phi = azimuthIntegral(m1, m2, m3);
          if (phi === 0) continue;
          const a = coefficientIndex(l1, Math.abs(m1));
          const b = coefficientIndex(l2, Math.abs(m2));
          const c = coefficientIndex(l3, Math.abs(m3));
          const g = phi * thetaSum(a, b, c);
          if (Math.abs(g) <= GAUNT_ZERO) continue;
          index.push(((m1 + l1) * n2 + (m2 + l2)) * n3 + (m3 + l3));
          value.push(g);
        }
      }
    }
  }
  return { index: Uint32Array.from(index), value: Float64Array.from(value) };
}

function cachedBlock(l1: number, l2: number, l3: number): SparseBlock {
  const key = `${l1},${l2},${l3}`;
  let block = blockCache.get(key);
  if (!block) {
    block = computeBlock(l1, l2, l3);
    blockCache.set(key, block);
  }
  return block;
}

/**
 * The dense Gaunt block for degrees (l1, l2, l3): (2l1+1)·(2l2+1)·(2l3+1) floats, index
 * ((m1+l1)·(2l2+1) + (m2+l2))·(2l3+1) + (m3+l3) — the shape of gaunt.json's `G`. A fresh copy.
 */
export function gauntBlock(l1: number, l2: number, l3: number): Float64Array {
  for (const l of [l1, l2, l3]) {
    if (!Number.isInteger(l) || l < 0)
      throw new RangeError(`gauntBlock: degrees must be integers ≥ 0, got ${l}`);
  }
  const { index, value } = cachedBlock(l1, l2, l3);
  const dense = new Float64Array((2 * l1 + 1) * (2 * l2 + 1) * (2 * l3 + 1));
  index.forEach((k, j) => {
    dense[k] = value[j];
  });
  return dense;
}

/**
 * The non-zero Gaunt coefficients coupling degrees ≤ L1, ≤ L2 into ≤ Lout, as a sparse list over
 * within-channel coefficient indices i = l² + l + m (gaunt-layout.ts), sorted by (i3, i1, i2).
 * Entries of output i3 are [rowStart[i3], rowStart[i3 + 1]). Shared and memoized: do not mutate.
 */
export interface GauntTable {
  readonly L1: number;
  readonly L2: number;
  readonly Lout: number;
  readonly nnz: number;
  readonly i1: Uint32Array;
  readonly i2: Uint32Array;
  readonly i3: Uint32Array;
  readonly value: Float64Array;
  readonly rowStart: Uint32Array;
}

const tableCache = new Map<string, GauntTable>();

export function gauntTable(L1: number, L2: number, Lout: number): GauntTable {
  for (const L of [L1, L2, Lout]) {
    if (!Number.isInteger(L) || L < 0)
      throw new RangeError(`gauntTable: degrees must be integers ≥ 0, got ${L}`);
  }
  const key = `${L1},${L2},${Lout}`;
  const cached = tableCache.get(key);
  if (cached) return cached;
  const rows: { i1: number; i2: number; g: number }[][] = Array.from(
    { length: coefficientCount(Lout) },
    () => [],
  );
  for (let l3 = 0; l3 <= Lout; l3++) {
    for (let l1 = 0; l1 <= L1; l1++) {
      for (let l2 = 0; l2 <= L2; l2++) {
        if (!gauntPathAllowed(l1, l2, l3)) continue;
        const block = cachedBlock(l1, l2, l3);
        const [n2, n3] = [2 * l2 + 1, 2 * l3 + 1];
        block.index.forEach((k, j) => {
          const g = block.value[j];
          const m3 = (k % n3) - l3;
          const m2 = (Math.floor(k / n3) % n2) - l2;
          const m1 = Math.floor(k / (n2 * n3)) - l1;
          rows[coefficientIndex(l3, m3)].push({
            i1: coefficientIndex(l1, m1),
            i2: coefficientIndex(l2, m2),
            g,
          });
        });
      }
    }
  }
  const nnz = rows.reduce((s, r) => s + r.length, 0);
  const table = {
    L1,
    L2,
    Lout,
    nnz,
    i1: new Uint32Array(nnz),
    i2: new Uint32Array(nnz),
    i3: new Uint32Array(nnz),
    value: new Float64Array(nnz),
    rowStart: new Uint32Array(rows.length + 1),
  };
  let k = 0;
  rows.forEach((row, i3) => {
    row.sort((a, b) => a.i1 - b.i1 || a.i2 - b.i2);
    table.rowStart[i3] = k;
    for (const e of row) {
      table.i1[k] = e.i1;
      table.i2[k] = e.i2;
      table.i3[k] = i3;
      table.value[k++] = e.g;
    }
  });
  table.rowStart[rows.length] = k;
  tableCache.set(key, table);
  return table;
}
