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

function envelopeOf(spec: RadialBasisSpec, r: number): number {
  return (spec.envelope ?? 'polynomial') === 'polynomial' ? polynomialCutoff(r, spec.cutoff, spec.p ?? 6) : 1;
}

function checkSpec(spec: RadialBasisSpec): void {
  if (!Number.isInteger(spec.count) || spec.count < 1)
    throw new RangeError(`radial basis: count ${spec.count}`);
  if (!(spec.cutoff > 0)) throw new RangeError(`radial basis: cutoff ${spec.cutoff}`);
}

/** The basis values of every length: [lengths.length, spec.count], row-major. */
export function radialBasis(lengths: ArrayLike<number>, spec: RadialBasisSpec): Float64Array {
  checkSpec(spec);
  const n = spec.count;
  const out = new Float64Array(lengths.length * n);
  const start = spec.kind === 'gaussian' ? (spec.start ?? 0) : 0;
  // e3nn's cutoff=True: count centres strictly inside (start, cutoff).
  const step = (spec.cutoff - start) / (n + 1);
  for (let e = 0; e < lengths.length; e++) {
    const r = lengths[e];
    const env = envelopeOf(spec, r);
    if (env === 0) continue; // beyond the cutoff: exactly zero (not −0)
    for (let k = 0; k < n; k++) {
      let value: number;
      if (spec.kind === 'bessel') {
        const w = ((k + 1) * Math.PI) / spec.cutoff;
        // sin(w r)/r → w at r = 0 (the limit), so coincident points stay finite.
        value = (2 / spec.cutoff) * (r > 1e-12 ? Math.sin(w * r) / r : w);
      } else {
        const diff = (r - (start + (k + 1) * step)) / step;
        value = Math.exp(-diff * diff) / 1.12;
      }
      out[e * n + k] = value * env;
    }
  }
  return out;
}
