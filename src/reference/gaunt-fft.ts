// Float64 twin of the Gaunt tensor product through the 2D Fourier basis (Luo et al., ICLR 2024),
// forward and backward, in the e3nn layout of channelwise signals (src/o3/gaunt-layout.ts):
//   out_c = coefficients of f1_c · f2_c projected to degree ≤ Lout,
// with f_c = Σ x[l, c, m] Y_lm (e3nn real harmonics, `integral` normalisation). The stages and
// their adjoints are in gaunt-fft-stages.ts; the tables in gaunt-fft-plan.ts.

import { fromChannelMajor, type SignalShape, signalDim, toChannelMajor } from '../o3/gaunt-layout';
import { fft } from './fft';
import { type ProductPlan, productPlan } from './gaunt-fft-plan';
import {
  pairCount,
  project,
  projectAdjoint,
  rowProduct,
  rowProductAdjoint,
  toColumns,
  toColumnsAdjoint,
} from './gaunt-fft-stages';

export interface GauntFftShape {
  /** Degrees of the two inputs and of the output. */
  readonly L1: number;
  readonly L2: number;
  readonly Lout: number;
  /** C: channels, shared by both inputs and the output. */
  readonly channels: number;
}

function signalShapes(shape: GauntFftShape): [SignalShape, SignalShape, SignalShape] {
  const { channels } = shape;
  return [shape.L1, shape.L2, shape.Lout].map((lmax) => ({ channels, lmax })) as [
    SignalShape,
    SignalShape,
    SignalShape,
  ];
}

function checkLength(name: string, x: ArrayLike<number>, batch: number, shape: SignalShape): void {
  if (x.length !== batch * signalDim(shape)) {
    throw new RangeError(`${name} has ${x.length} values, expected ${batch} × ${signalDim(shape)}`);
  }
}

/** Per-channel inputs: each sample's channels as contiguous SH vectors (channel-major). */
function channelMajorInputs(xs: [string, ArrayLike<number>, SignalShape][], batch: number) {
  for (const [name, x, s] of xs) checkLength(name, x, batch, s);
  return xs.map(([, x, s]) => ({ data: toChannelMajor(x, s, batch), n: (s.lmax + 1) ** 2 }));
}

function checkPlan(shape: GauntFftShape, plan: ProductPlan): void {
  if (plan.La !== shape.L1 || plan.Lb !== shape.L2 || plan.Lc !== shape.Lout) {
    throw new RangeError(
      `plan is for degrees ${plan.La} × ${plan.Lb} → ${plan.Lc}, not ${shape.L1} × ${shape.L2} → ${shape.Lout}`,
    );
  }
}

/** The forward route: out (batch × C(Lout+1)², e3nn layout). */
export function gauntFft(
  shape: GauntFftShape,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  batch: number,
  plan: ProductPlan = productPlan(shape.L1, shape.L2, shape.Lout),
): Float64Array {
  const [s1, s2, so] = signalShapes(shape);
  checkPlan(shape, plan);
  const [a, b] = channelMajorInputs(
    [
      ['x1', x1, s1],
      ['x2', x2, s2],
    ],
    batch,
  );
  const { n, La, Lb, Lc } = plan;
  const nOut = (Lc + 1) ** 2;
  const out = new Float64Array(batch * shape.channels * nOut);
  for (let s = 0; s < batch * shape.channels; s++) {
    const fa = toColumns(plan.toColumnsA, La, n, a.data, s * a.n);
    const fb = toColumns(plan.toColumnsB, Lb, n, b.data, s * b.n);
    fft(fa, n, pairCount(La), 1);
    fft(fb, n, pairCount(Lb), 1);
    const h = rowProduct(fa, La, fb, Lb, Lc + 1, n);
    fft(h, n, pairCount(Lc), -1, 1 / n);
    project(plan.projection, Lc, n, h, out, s * nOut);
  }
  return fromChannelMajor(out, so, batch);
}

/**
 * The backward route: gradients of Σ gradOut · out with respect to x1 and x2, by the adjoint of
 * every linear step in reverse (the adjoint of an FFT with sign s is the FFT with sign −s; the
 * adjoint of the row convolution is a correlation).
 */
export function gauntFftBackward(
  shape: GauntFftShape,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  batch: number,
  plan: ProductPlan = productPlan(shape.L1, shape.L2, shape.Lout),
): { gradX1: Float64Array; gradX2: Float64Array } {
  const [s1, s2, so] = signalShapes(shape);
  checkPlan(shape, plan);
  const [a, b, g] = channelMajorInputs(
    [
      ['x1', x1, s1],
      ['x2', x2, s2],
      ['gradOut', gradOut, so],
    ],
    batch,
  );
  const { n, La, Lb, Lc } = plan;
  const gradA = new Float64Array(a.data.length);
  const gradB = new Float64Array(b.data.length);
  for (let s = 0; s < batch * shape.channels; s++) {
    // Forward up to the product's samples, kept for the correlation.
    const fa = toColumns(plan.toColumnsA, La, n, a.data, s * a.n);
    const fb = toColumns(plan.toColumnsB, Lb, n, b.data, s * b.n);
    fft(fa, n, pairCount(La), 1);
    fft(fb, n, pairCount(Lb), 1);
    // Backward: project → inverse FFT (sign −1, 1/n) → row product → FFT (sign +1) → columns.
    const gh = projectAdjoint(plan.projection, Lc, n, g.data, s * g.n);
    fft(gh, n, pairCount(Lc), 1, 1 / n);
    const { gradA: gfa, gradB: gfb } = rowProductAdjoint(gh, fa, La, fb, Lb, Lc + 1, n);
    fft(gfa, n, pairCount(La), -1);
    fft(gfb, n, pairCount(Lb), -1);
    toColumnsAdjoint(plan.toColumnsA, La, n, gfa, gradA, s * a.n);
    toColumnsAdjoint(plan.toColumnsB, Lb, n, gfb, gradB, s * b.n);
  }
  return { gradX1: fromChannelMajor(gradA, s1, batch), gradX2: fromChannelMajor(gradB, s2, batch) };
}
