import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { IrrepsLinear } from './irreps-linear';
import type { ParameterScope } from './parameters';

export interface SplineRadialOptions {
  /** B-spline basis functions (control points per weight), ≥ 4. */
  count: number;
  cutoff: number;
  /** Per-edge weights produced (e.g. a tensor product's weight count). */
  numWeights: number;
  /** Envelope exponent p (NequIP's polynomial cutoff), default 6. */
  p?: number;
}

/**
 * Facet's spline radial function instead of a radial MLP: per-edge weights
 *   w_e = √2 · Σ_k B_k(|r_e|) · c_k  (c: learnable control points [K, numWeights])
 * with B the cubic B-spline basis on uniform knots times the polynomial envelope (the
 * `bspline_basis` op). One linear map, no hidden layers. Σ_k B_k² ≈ 1/2 on [0, rc] (four
 * overlapping cubics), so the √2 (folded into the linear's path weight with its 1/√K fan-in,
 * as an `IrrepsLinear` over scalars) gives the weights unit second moment for N(0, 1) controls.
 */
export class SplineRadial {
  readonly control: IrrepsLinear;
  readonly attrs: ops.BsplineBasisAttrs;

  constructor(scope: ParameterScope, opts: SplineRadialOptions) {
    this.attrs = { count: opts.count, cutoff: opts.cutoff, p: opts.p ?? 6 };
    this.control = new IrrepsLinear(scope, `${opts.count}x0e`, `${opts.numWeights}x0e`, {
      inputScale: Math.sqrt(2 * opts.count),
    });
  }

  get parameters(): Tensor[] {
    return this.control.parameters;
  }

  /** lengths [E, 1] → weights [E, numWeights] (differentiable in the lengths). */
  forward(ctx: Context, lengths: Tensor): Tensor {
    return this.control.forward(ctx, ops.bsplineBasis(ctx, lengths, this.attrs));
  }

  dispose(): void {
    this.control.dispose();
  }
}
