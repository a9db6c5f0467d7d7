// Gauss–Legendre quadrature and the S2 product grid used to integrate spherical signals exactly.
// The grid follows e3nn's axes: the polar axis is y, so y = cos θ takes the Gauss–Legendre nodes,
// and (z, x) = sin θ · (cos φ, sin φ) — the textbook (X, Y) of e3nn's (X, Y, Z) = (z, x, y).

export interface GaussLegendre {
  nodes: Float64Array; // ascending, in (−1, 1)
  weights: Float64Array; // sum to 2
}

export interface S2Grid {
  nTheta: number;
  nPhi: number;
  points: Float64Array; // 3 · nTheta · nPhi unit vectors, packed xyz, θ-major
  weights: Float64Array; // nTheta · nPhi, sum to 4π
}

/** P_n(x) and P_n'(x) by the three-term recurrence. */
function legendreWithDerivative(n: number, x: number): { p: number; dp: number } {
  let previous = 1;
  let p = x;
  for (let k = 2; k <= n; k++) {
    const next = ((2 * k - 1) * x * p - (k - 1) * previous) / k;
    previous = p;
    p = next;
  }
  // n (x P_n − P_{n−1}) / (x² − 1); the nodes are interior so the denominator never vanishes.
  const dp = (n * (x * p - previous)) / (x * x - 1);
  return { p, dp };
}

/** n-point Gauss–Legendre rule on [−1, 1]: exact for polynomials of degree ≤ 2n − 1. */
export function gaussLegendre(n: number): GaussLegendre {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Gauss–Legendre needs n ≥ 1, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  if (n === 1) {
    weights[0] = 2;
    return { nodes, weights };
  }
  // Roots are symmetric: solve the upper half by Newton from Tricomi's cosine guess, mirror the rest.
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let { p, dp } = legendreWithDerivative(n, x);
    for (let iteration = 0; iteration < 100; iteration++) {
      const step = p / dp;
      x -= step;
      ({ p, dp } = legendreWithDerivative(n, x));
      if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[n - 1 - i] = x;
    weights[n - 1 - i] = w;
    nodes[i] = -x;
    weights[i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0; // exact middle root
  return { nodes, weights };
}

/**
 * Product grid: Gauss–Legendre in y = cos θ times nPhi uniform azimuths. Exact for polynomials in
 * the direction of degree ≤ min(2·nTheta − 1, nPhi − 1).
 */
export function s2Grid(nTheta: number, nPhi: number): S2Grid {
  if (!Number.isInteger(nPhi) || nPhi < 1) throw new Error(`s2Grid needs nPhi ≥ 1, got ${nPhi}`);
  const { nodes, weights: gl } = gaussLegendre(nTheta);
  const points = new Float64Array(3 * nTheta * nPhi);
  const weights = new Float64Array(nTheta * nPhi);
  const azimuthWeight = (2 * Math.PI) / nPhi;
  for (let i = 0; i < nTheta; i++) {
    const y = nodes[i];
    const sinTheta = Math.sqrt((1 - y) * (1 + y));
    for (let j = 0; j < nPhi; j++) {
      const phi = azimuthWeight * j;
      const k = i * nPhi + j;
      points[3 * k] = sinTheta * Math.sin(phi);
      points[3 * k + 1] = y;
      points[3 * k + 2] = sinTheta * Math.cos(phi);
      weights[k] = gl[i] * azimuthWeight;
    }
  }
  return { nTheta, nPhi, points, weights };
}

/** Smallest product grid exact for polynomials of degree ≤ `degree` in the direction. */
export function s2GridForDegree(degree: number): S2Grid {
  if (!Number.isInteger(degree) || degree < 0) throw new Error(`degree must be ≥ 0, got ${degree}`);
  return s2Grid(Math.max(1, Math.ceil((degree + 1) / 2)), degree + 1);
}
