import { encodeBsplineBasis, encodeBsplineBasisBackward } from '../kernels/nn/bspline-basis';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';
import { apply, expectF32, expectRank, f64, host, type OpDef } from './op';

export interface BsplineBasisAttrs {
  /** Basis functions K ≥ 4 (centres (k − 1)·h, k = 0…K−1, so [0, rc] is covered by full cubics). */
  readonly count: number;
  readonly cutoff: number;
  /** Exponent of the polynomial envelope (NequIP's p, default 6). */
  readonly p?: number;
}

/** Centred cardinal cubic B-spline β3 (support [−2, 2], C², Σ_k β3(t − k) = 1) and its derivative. */
export function cubicBspline(t: number): number {
  const a = Math.abs(t);
  if (a < 1) return 2 / 3 - a * a + 0.5 * a * a * a;
  if (a < 2) return (2 - a) ** 3 / 6;
  return 0;
}

export function cubicBsplineDerivative(t: number): number {
  const a = Math.abs(t);
  if (a < 1) return -2 * t + 1.5 * t * a;
  if (a < 2) return -0.5 * Math.sign(t) * (2 - a) ** 2;
  return 0;
}

/** NequIP's polynomial envelope u(x) and du/dx (u = 0 for x ≥ 1; C^(p−1) there). */
function envelope(x: number, p: number): { u: number; du: number } {
  if (x >= 1) return { u: 0, du: 0 };
  const xp1 = x ** (p - 1);
  const xp = xp1 * x;
  const u = 1 - ((p + 1) * (p + 2) * xp) / 2 + p * (p + 2) * xp * x - (p * (p + 1) * xp * x * x) / 2;
  return { u, du: ((-p * (p + 1) * (p + 2)) / 2) * xp1 * (1 - x) ** 2 };
}

function check(attrs: BsplineBasisAttrs): { K: number; rc: number; p: number; h: number } {
  const { count: K, cutoff: rc, p = 6 } = attrs;
  if (!Number.isInteger(K) || K < 4) throw new RangeError(`bspline_basis: count ${K} < 4`);
  if (!(rc > 0)) throw new RangeError(`bspline_basis: cutoff ${rc}`);
  if (!Number.isInteger(p) || p < 2) throw new RangeError(`bspline_basis: envelope exponent ${p}`);
  return { K, rc, p, h: rc / (K - 3) };
}

function edgesOf(lengths: { shape: readonly number[] }): number {
  expectRank('bspline_basis', lengths, 2, 'lengths');
  if (lengths.shape[1] !== 1)
    throw new RangeError(`bspline_basis: lengths must be [E, 1], got [${lengths.shape}]`);
  return lengths.shape[0];
}

/** Float64 basis [E, K] (and, with `gy`, the length gradient Σ_k gy[e, k]·∂B_k/∂r). */
export function bsplineBasis64(lengths: ArrayLike<number>, attrs: BsplineBasisAttrs): Float64Array {
  const { K, rc, p, h } = check(attrs);
  const out = new Float64Array(lengths.length * K);
  for (let e = 0; e < lengths.length; e++) {
    const { u } = envelope(lengths[e] / rc, p);
    for (let k = 0; k < K; k++) out[e * K + k] = cubicBspline(lengths[e] / h - k + 1) * u;
  }
  return out;
}

function bsplineGrad64(lengths: ArrayLike<number>, attrs: BsplineBasisAttrs, gy: Float64Array): Float64Array {
  const { K, rc, p, h } = check(attrs);
  const g = new Float64Array(lengths.length);
  for (let e = 0; e < lengths.length; e++) {
    const { u, du } = envelope(lengths[e] / rc, p);
    for (let k = 0; k < K; k++) {
      const t = lengths[e] / h - k + 1;
      g[e] += gy[e * K + k] * ((cubicBsplineDerivative(t) / h) * u + (cubicBspline(t) * du) / rc);
    }
  }
  return g;
}

/** Lengths spread over [0, 1.15·rc): some beyond the cutoff (zero rows), the rest in every knot span. */
function lengthsCase(rng: Rng, edges: number, cutoff: number) {
  return host(rng.uniforms(edges, 0, 1.15 * cutoff), [edges, 1]);
}

/**
 * Spline radial basis (Facet): cubic B-splines on uniform knots over [0, rc] times NequIP's
 * polynomial envelope, lengths [E, 1] → [E, K]. Smooth (C² in r), compactly supported (exactly 0
 * beyond rc), and Σ_k B_k(r) = u(r/rc) on [0, rc] (partition of unity), so a linear map of it
 * (the control points) is any cubic spline with the envelope. Backward: ∂/∂r, so forces flow.
 */
export const bsplineBasisOp: OpDef<BsplineBasisAttrs> = {
  name: 'bspline_basis',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [lengths], attrs) {
    expectF32('bspline_basis', lengths);
    const edges = edgesOf(lengths);
    const { K, rc, p } = check(attrs);
    const out = ctx.alloc([edges, K], 'bspline basis');
    encodeBsplineBasis(ctx.batch, { edges, count: K, cutoff: rc, p }, lengths.buffer, out.buffer);
    return out;
  },
  backward(ctx, { inputs: [lengths], attrs }, gy) {
    const edges = edgesOf(lengths);
    const { K, rc, p } = check(attrs);
    const gr = ctx.alloc(lengths.shape, 'bspline basis grad');
    encodeBsplineBasisBackward(
      ctx.batch,
      { edges, count: K, cutoff: rc, p },
      lengths.buffer,
      gy.buffer,
      gr.buffer,
    );
    return [gr];
  },
  forward64([lengths], attrs) {
    const edges = edgesOf(lengths);
    return host(bsplineBasis64(f64(lengths), attrs), [edges, attrs.count]);
  },
  backward64: ([lengths], attrs, gy) => [bsplineGrad64(f64(lengths), attrs, gy)],
  cases: (rng) => [
    { label: 'K 8, rc 2, 40 edges', inputs: [lengthsCase(rng, 40, 2)], attrs: { count: 8, cutoff: 2 } },
    {
      label: 'K 4, rc 1.1, p 3, 9 edges',
      inputs: [lengthsCase(rng, 9, 1.1)],
      attrs: { count: 4, cutoff: 1.1, p: 3 },
    },
    { label: 'K 13, rc 5, 70 edges', inputs: [lengthsCase(rng, 70, 5)], attrs: { count: 13, cutoff: 5 } },
  ],
};

/** B-spline radial basis of lengths [E, 1] → [E, count] (differentiable in the lengths). */
export const bsplineBasis = (ctx: Context, lengths: Tensor, attrs: BsplineBasisAttrs): Tensor =>
  apply(ctx, bsplineBasisOp, [lengths], attrs);
