/**
 * Radial bases of edge lengths, in float64 on the CPU (graphs are built there too): they are
 * invariants, so computing them before upload costs no equivariance. Each returns [E, count]
 * row-major and goes to zero smoothly at the cutoff, so an atom crossing it changes nothing abruptly.
 */

export type Envelope = 'polynomial' | 'none';

export type RadialBasisSpec =
  /** NequIP's Bessel basis (2/rc)·sin(nπ r/rc)/r, n = 1..count, times the envelope. */
  | { kind: 'bessel'; count: number; cutoff: number; envelope?: Envelope; p?: number }
  /**
   * e3nn's soft_one_hot_linspace(basis='gaussian', cutoff=True): centres inside (start, cutoff),
   * exp(−((r − μ)/step)²)/1.12, times the envelope.
   */
  | { kind: 'gaussian'; count: number; cutoff: number; start?: number; envelope?: Envelope; p?: number };

/**
 * NequIP's PolynomialCutoff: u(x) = 1 − (p+1)(p+2)/2·x^p + p(p+2)·x^(p+1) − p(p+1)/2·x^(p+2) for
 * x = r/rc < 1, else 0; u(0) = 1 and its first p − 1 derivatives vanish at rc. Default p = 6.
 */
export function polynomialCutoff(r: number, cutoff: number, p = 6): number {
  const x = r / cutoff;
  if (x >= 1) return 0;
  const xp = x ** p;
  return 1 - ((p + 1) * (p + 2) * xp) / 2 + p * (p + 2) * xp * x - (p * (p + 1) * xp * x * x) / 2;
}

/** d/dr of polynomialCutoff. */
export function polynomialCutoffDerivative(r: number, cutoff: number, p = 6): number {
  const x = r / cutoff;
  if (x >= 1) return 0;
  const xp1 = x ** (p - 1);
  const xp = xp1 * x;
  return (
    ((-(p + 1) * (p + 2) * p * xp1) / 2 + p * (p + 2) * (p + 1) * xp - (p * (p + 1) * (p + 2) * xp * x) / 2) /
    cutoff
  );
}

function envelopeOf(spec: RadialBasisSpec, r: number): number {
  return (spec.envelope ?? 'polynomial') === 'polynomial' ? polynomialCutoff(r, spec.cutoff, spec.p ?? 6) : 1;
}

function envelopeDerivativeOf(spec: RadialBasisSpec, r: number): number {
  return (spec.envelope ?? 'polynomial') === 'polynomial'
    ? polynomialCutoffDerivative(r, spec.cutoff, spec.p ?? 6)
    : 0;
}

function checkSpec(spec: RadialBasisSpec): void {
  if (!Number.isInteger(spec.count) || spec.count < 1)
    throw new RangeError(`radial basis: count ${spec.count}`);
  if (!(spec.cutoff > 0)) throw new RangeError(`radial basis: cutoff ${spec.cutoff}`);
}

/** The basis values of every length: [lengths.length, spec.count], row-major. */
export function radialBasis(lengths: ArrayLike<number>, spec: RadialBasisSpec): Float64Array {
  return radialBasisWithDerivative(lengths, spec).values;
}

/** Values and d/dr of every basis function at every length, each [lengths.length, spec.count]. */
export function radialBasisWithDerivative(
  lengths: ArrayLike<number>,
  spec: RadialBasisSpec,
): { values: Float64Array; derivatives: Float64Array } {
  checkSpec(spec);
  const n = spec.count;
  const out = new Float64Array(lengths.length * n);
  const derivatives = new Float64Array(lengths.length * n);
  const start = spec.kind === 'gaussian' ? (spec.start ?? 0) : 0;
  // e3nn's cutoff=True: count centres strictly inside (start, cutoff).
  const step = (spec.cutoff - start) / (n + 1);
  for (let e = 0; e < lengths.length; e++) {
    const r = lengths[e];
    const env = envelopeOf(spec, r);
    if (env === 0) continue; // beyond the cutoff: exactly zero (not −0)
    const denv = envelopeDerivativeOf(spec, r);
    for (let k = 0; k < n; k++) {
      let value: number;
      let slope: number;
      if (spec.kind === 'bessel') {
        const w = ((k + 1) * Math.PI) / spec.cutoff;
        const z = w * r;
        const s = 2 / spec.cutoff;
        // sin(w r)/r → w at r = 0 (the limit): series there, so coincident points stay finite.
        value = s * (z > 1e-6 ? Math.sin(z) / r : w * (1 - (z * z) / 6));
        slope = s * (z > 1e-4 ? (z * Math.cos(z) - Math.sin(z)) / (r * r) : w * w * (-z / 3));
      } else {
        const diff = (r - (start + (k + 1) * step)) / step;
        value = Math.exp(-diff * diff) / 1.12;
        slope = ((-2 * diff) / step) * value;
      }
      out[e * n + k] = value * env;
      derivatives[e * n + k] = slope * env + value * denv;
    }
  }
  return { values: out, derivatives };
}
