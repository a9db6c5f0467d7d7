import { IrrepsLinearTables } from '../kernels/nn/irreps-linear';
import type { Irreps } from '../o3/irreps';
import { type LinearOptions, makeLinearPlan } from '../o3/linear-instructions';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import type { ParameterScope } from './parameters';

/**
 * e3nn's `o3.Linear` as a layer: for every pair of input and output blocks carrying the same
 * irrep, a mul_in × mul_out matrix mixing the copies (the same for every component m, which is
 * what makes it equivariant), normalised by 1/√fan_in; optional biases on 0e outputs only.
 * Parameter `weight` [numWeights + numBiases]: e3nn's flat `weight` (init N(0, 1)) followed by
 * e3nn's `bias` (init 0) — see src/o3/linear-instructions.ts. Runs as the `irreps_linear` op.
 * With scalar irreps on both sides ("K x 0e" → "M x 0e") it is a dense layer.
 */
export class IrrepsLinear {
  private readonly tables: IrrepsLinearTables;
  readonly weight: Tensor | null;

  constructor(
    scope: ParameterScope,
    irrepsIn: Irreps | string,
    irrepsOut: Irreps | string,
    opts: LinearOptions = {},
  ) {
    this.tables = new IrrepsLinearTables(makeLinearPlan(irrepsIn, irrepsOut, opts));
    const { numWeights, numParams } = this.tables.plan;
    const values = scope.rng.normals(numParams);
    values.fill(0, numWeights);
    this.weight = numParams > 0 ? scope.values('weight', [numParams], values) : null;
  }

  get irrepsIn(): Irreps {
    return this.tables.plan.irrepsIn;
  }

  get irrepsOut(): Irreps {
    return this.tables.plan.irrepsOut;
  }

  get numWeights(): number {
    return this.tables.plan.numWeights;
  }

  get numBiases(): number {
    return this.tables.plan.numBiases;
  }

  get parameters(): Tensor[] {
    return this.weight ? [this.weight] : [];
  }

  /** x [N, dim_in] → [N, dim_out] (zeros when no input irrep reaches the outputs and there is no bias). */
  forward(ctx: Context, x: Tensor): Tensor {
    if (!this.weight) return ctx.constant(0, [x.shape[0], this.irrepsOut.dim], 'linear zeros');
    return ops.irrepsLinear(ctx, x, this.weight, this.tables);
  }

  dispose(): void {
    this.tables.dispose();
  }
}
