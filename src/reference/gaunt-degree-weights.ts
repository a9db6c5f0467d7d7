// Learnable per-degree weights of the Gaunt tensor product (Luo et al., ICLR 2024): each input
// degree is rescaled before the product and each output degree after it,
//   out = w_out ⊙ Gaunt(w_in1 ⊙ x1, w_in2 ⊙ x2),
// which keeps equivariance (a scalar per degree commutes with D^l) and recovers per-path freedom
// that the plain pointwise product lacks.
//
// Shape, per signal of degree ≤ L with C channels — one of:
//  - L + 1 floats: one weight per degree, shared by every channel (the paper's form);
//  - (L + 1)·C floats, index l·C + c: one weight per degree and channel.
// The length decides; gradients come back in the same shape as the weights.

import { e3nnIndex, type SignalShape, signalDim } from '../o3/gaunt-layout';

export interface DegreeWeights {
  readonly in1: Float64Array;
  readonly in2: Float64Array;
  readonly out: Float64Array;
}

/** True for (L+1)·C weights, false for L+1; throws on any other length. */
export function isPerChannel(
  weights: ArrayLike<number>,
  shape: SignalShape,
  name = 'degree weights',
): boolean {
  const degrees = shape.lmax + 1;
  if (weights.length === degrees) return false;
  if (weights.length === degrees * shape.channels) return true;
  throw new RangeError(
    `${name}: ${weights.length} floats; expected ${degrees} (one per degree) or ` +
      `${degrees} × ${shape.channels} = ${degrees * shape.channels} (per degree and channel, index l·C + c)`,
  );
}

/** Visits every element of a batch of signals with its weight index (l or l·C + c). */
function forEachWeighted(
  shape: SignalShape,
  perChannel: boolean,
  batch: number,
  visit: (element: number, weight: number) => void,
): void {
  const { channels, lmax } = shape;
  const dim = signalDim(shape);
  for (let s = 0; s < batch; s++) {
    for (let l = 0; l <= lmax; l++) {
      for (let c = 0; c < channels; c++) {
        const w = perChannel ? l * channels + c : l;
        const start = s * dim + e3nnIndex(channels, l, c, -l);
        for (let k = 0; k <= 2 * l; k++) visit(start + k, w);
      }
    }
  }
}

/** y = w[l(, c)] · x for a batch of signals in the e3nn layout. */
export function scaleDegrees(
  x: ArrayLike<number>,
  shape: SignalShape,
  weights: ArrayLike<number>,
  batch: number,
): Float64Array {
  const perChannel = isPerChannel(weights, shape);
  const y = new Float64Array(x.length);
  forEachWeighted(shape, perChannel, batch, (e, w) => {
    y[e] = weights[w] * x[e];
  });
  return y;
}

/**
 * ∂/∂w of Σ g · (w ⊙ x): Σ x·g over samples, orders m (and channels, for shared weights),
 * in the shape `perChannel` selects.
 */
export function degreeWeightGradient(
  x: ArrayLike<number>,
  g: ArrayLike<number>,
  shape: SignalShape,
  perChannel: boolean,
  batch: number,
): Float64Array {
  const grad = new Float64Array((shape.lmax + 1) * (perChannel ? shape.channels : 1));
  forEachWeighted(shape, perChannel, batch, (e, w) => {
    grad[w] += x[e] * g[e];
  });
  return grad;
}
