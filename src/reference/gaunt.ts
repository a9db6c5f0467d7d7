// Float64 twins of the Gaunt tensor product of channelwise spherical signals (the oracle for the
// WGSL kernels in shaders/gaunt/ and shaders/s2grid/). Inputs and outputs are in the e3nn layout
// of "C x 0e + C x 1o + … + C x L" (gaunt-layout.ts), `batch` samples one after another:
//   out[l3m3] = Σ G[l1m1, l2m2, l3m3] x1[l1m1] x2[l2m2],  G = ∫ Y Y Y (integral-normalised SH),
// i.e. the coefficients of f1·f2 up to degree Lout. Optional degree weights (gaunt-degree-weights.ts)
// rescale each input degree before and each output degree after the product.
//
// Backward: G is symmetric in its three (l, m) pairs, so ∂/∂x1 of Σ gradOut·out is itself a Gaunt
// product, of (gradOut, x2) projected to degree ≤ L1; likewise for x2. Both routes reuse their
// forward with permuted degrees (the grid route then runs on the same grid: L1 + L2 + Lout is
// unchanged).

import { type DegreeWeights, degreeWeightGradient, isPerChannel, scaleDegrees } from './gaunt-degree-weights';
import { checkSignal, directProduct, gridProduct, type ProductDegrees } from './gaunt-products';

export type { DegreeWeights } from './gaunt-degree-weights';

export type GauntRoute = 'direct' | 'grid';

export interface GauntGradients {
  gradX1: Float64Array;
  gradX2: Float64Array;
  /** Present when the forward had degree weights; same shapes as those weights. */
  gradWeights?: DegreeWeights;
}

type RawProduct = (
  d: ProductDegrees,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  batch: number,
) => Float64Array;

const RAW: Record<GauntRoute, RawProduct> = { direct: directProduct, grid: gridProduct };

interface Problem {
  L1: number;
  L2: number;
  Lout: number;
  channels: number;
}

function shapes(p: Problem) {
  return {
    in1: { channels: p.channels, lmax: p.L1 },
    in2: { channels: p.channels, lmax: p.L2 },
    out: { channels: p.channels, lmax: p.Lout },
  };
}

function forward(
  route: GauntRoute,
  p: Problem,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  batch: number,
  weights?: DegreeWeights,
): Float64Array {
  const product = RAW[route];
  const degrees = { La: p.L1, Lb: p.L2, Lc: p.Lout, channels: p.channels };
  if (!weights) return product(degrees, x1, x2, batch);
  const s = shapes(p);
  const a = scaleDegrees(x1, s.in1, weights.in1, batch);
  const b = scaleDegrees(x2, s.in2, weights.in2, batch);
  return scaleDegrees(product(degrees, a, b, batch), s.out, weights.out, batch);
}

function backward(
  route: GauntRoute,
  p: Problem,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  batch: number,
  weights?: DegreeWeights,
): GauntGradients {
  const product = RAW[route];
  const s = shapes(p);
  checkSignal('gradOut', gradOut, s.out, batch);
  const C = p.channels;
  // Gradients w.r.t. the product's own inputs a, b given the gradient g of its output.
  const gradInputs = (a: ArrayLike<number>, b: ArrayLike<number>, g: ArrayLike<number>) => ({
    gradA: product({ La: p.Lout, Lb: p.L2, Lc: p.L1, channels: C }, g, b, batch),
    gradB: product({ La: p.Lout, Lb: p.L1, Lc: p.L2, channels: C }, g, a, batch),
  });
  if (!weights) {
    checkSignal('x1', x1, s.in1, batch);
    checkSignal('x2', x2, s.in2, batch);
    const { gradA, gradB } = gradInputs(x1, x2, gradOut);
    return { gradX1: gradA, gradX2: gradB };
  }
  const perChannel = {
    in1: isPerChannel(weights.in1, s.in1, 'in1 weights'),
    in2: isPerChannel(weights.in2, s.in2, 'in2 weights'),
    out: isPerChannel(weights.out, s.out, 'out weights'),
  };
  const a = scaleDegrees(x1, s.in1, weights.in1, batch);
  const b = scaleDegrees(x2, s.in2, weights.in2, batch);
  const raw = product({ La: p.L1, Lb: p.L2, Lc: p.Lout, channels: C }, a, b, batch);
  const g = scaleDegrees(gradOut, s.out, weights.out, batch);
  const { gradA, gradB } = gradInputs(a, b, g);
  return {
    gradX1: scaleDegrees(gradA, s.in1, weights.in1, batch),
    gradX2: scaleDegrees(gradB, s.in2, weights.in2, batch),
    gradWeights: {
      in1: degreeWeightGradient(x1, gradA, s.in1, perChannel.in1, batch),
      in2: degreeWeightGradient(x2, gradB, s.in2, perChannel.in2, batch),
      out: degreeWeightGradient(raw, gradOut, s.out, perChannel.out, batch),
    },
  };
}

/** Gaunt product by the sparse sum over Gaunt coefficients. */
export function gauntDirect(
  L1: number,
  L2: number,
  Lout: number,
  channels: number,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  batch: number,
  weights?: DegreeWeights,
): Float64Array {
  return forward('direct', { L1, L2, Lout, channels }, x1, x2, batch, weights);
}

/** Gaunt product on the smallest exact S2 grid: SH → grid, pointwise product, quadrature back. */
export function gauntGrid(
  L1: number,
  L2: number,
  Lout: number,
  channels: number,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  batch: number,
  weights?: DegreeWeights,
): Float64Array {
  return forward('grid', { L1, L2, Lout, channels }, x1, x2, batch, weights);
}

/** Gradients of Σ gradOut · gauntDirect(…) w.r.t. x1, x2 and (when given) the degree weights. */
export function gauntDirectBackward(
  L1: number,
  L2: number,
  Lout: number,
  channels: number,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  batch: number,
  weights?: DegreeWeights,
): GauntGradients {
  return backward('direct', { L1, L2, Lout, channels }, x1, x2, gradOut, batch, weights);
}

/** Gradients of Σ gradOut · gauntGrid(…); the same function as gauntDirectBackward, by the grid route. */
export function gauntGridBackward(
  L1: number,
  L2: number,
  Lout: number,
  channels: number,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  batch: number,
  weights?: DegreeWeights,
): GauntGradients {
  return backward('grid', { L1, L2, Lout, channels }, x1, x2, gradOut, batch, weights);
}
