import { encodeLinearApply, encodeLinearWeightGrad, IrrepsLinearTables } from '../kernels/nn/irreps-linear';
import { makeLinearPlan } from '../o3/linear-instructions';
import { irrepsLinearBackward, irrepsLinear as linear64 } from '../reference/irreps-linear';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, host, normalHost, type OpDef } from './op';

export interface IrrepsLinearAttrs {
  readonly tables: IrrepsLinearTables;
}

function rowsOf(
  tables: IrrepsLinearTables,
  x: { shape: readonly number[] },
  theta: { shape: readonly number[] },
) {
  const { plan } = tables;
  expectRank('irreps_linear', x, 2, 'x');
  if (x.shape[1] !== plan.irrepsIn.dim)
    throw new RangeError(
      `irreps_linear: x [${x.shape}] for irreps ${plan.irrepsIn} (dim ${plan.irrepsIn.dim})`,
    );
  if (theta.shape.length !== 1 || theta.shape[0] !== plan.numParams)
    throw new RangeError(`irreps_linear: parameters [${theta.shape}], the plan has ${plan.numParams}`);
  return x.shape[0];
}

/**
 * e3nn's o3.Linear of x [N, dim_in] with parameters θ [numParams] (e3nn's weight, then its 0e
 * biases; src/o3/linear-instructions.ts) → [N, dim_out]. Block-sparse kernels: one invocation per
 * output (forward, input gradient) or per parameter (its gradient), no workgroup memory. Also the
 * plain dense layer when both irreps are scalars ("K x 0e" → "M x 0e").
 */
export const irrepsLinearOp: OpDef<IrrepsLinearAttrs> = {
  name: 'irreps_linear',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x, theta], { tables }) {
    expectF32('irreps_linear', x);
    expectF32('irreps_linear', theta);
    const rows = rowsOf(tables, x, theta);
    const { plan } = tables;
    const out = ctx.alloc([rows, plan.irrepsOut.dim], 'irreps linear');
    const shape = { rows, cols: plan.irrepsOut.dim, srcCols: plan.irrepsIn.dim, hasBias: plan.numBiases > 0 };
    encodeLinearApply(ctx.batch, tables.bind(ctx).forward, shape, x.buffer, theta.buffer, out.buffer);
    return out;
  },
  backward(ctx, { inputs: [x, theta], attrs: { tables } }, gy, needs) {
    const rows = rowsOf(tables, x, theta);
    const { plan } = tables;
    const device = tables.bind(ctx);
    let gx: Tensor | null = null;
    let gTheta: Tensor | null = null;
    if (needs[0]) {
      gx = ctx.alloc(x.shape, 'irreps linear grad x');
      const shape = { rows, cols: plan.irrepsIn.dim, srcCols: plan.irrepsOut.dim, hasBias: false };
      encodeLinearApply(ctx.batch, device.gradX, shape, gy.buffer, theta.buffer, gx.buffer);
    }
    if (needs[1]) {
      gTheta = ctx.alloc(theta.shape, 'irreps linear grad θ');
      const shape = { rows, params: plan.numParams, xCols: plan.irrepsIn.dim, gyCols: plan.irrepsOut.dim };
      encodeLinearWeightGrad(ctx.batch, device.weightGrad, shape, x.buffer, gy.buffer, gTheta.buffer);
    }
    return [gx, gTheta];
  },
  forward64([x, theta], { tables }) {
    const rows = rowsOf(tables, x, theta);
    return host(linear64(tables.plan, f64(x), f64(theta), rows), [rows, tables.plan.irrepsOut.dim]);
  },
  backward64([x, theta], { tables }, gy) {
    const rows = rowsOf(tables, x, theta);
    const g = irrepsLinearBackward(tables.plan, f64(x), f64(theta), gy, rows);
    return [g.gradX, g.gradTheta];
  },
  cases(rng) {
    const make = (irrepsIn: string, irrepsOut: string, bias: boolean, rows: number, inputScale = 1) => {
      const tables = new IrrepsLinearTables(makeLinearPlan(irrepsIn, irrepsOut, { bias, inputScale }));
      return {
        label: `${irrepsIn} → ${irrepsOut}${bias ? ', biases' : ''}, ${rows} rows`,
        inputs: [normalHost(rng, [rows, tables.plan.irrepsIn.dim]), normalHost(rng, [tables.plan.numParams])],
        attrs: { tables },
      };
    };
    return [
      // Repeated input irreps, an output no input reaches (1e), 0e and 0o outputs.
      make('3x0e + 2x1o + 1x0e + 2x2e + 1x0o', '2x0e + 3x1o + 1x1e + 1x2e + 2x0o', true, 7),
      // A dense layer, with a folded input scale.
      make('5x0e', '3x0e', false, 70, 0.5),
    ];
  },
};

/** e3nn Linear: x [N, dim_in], θ [numParams] → [N, dim_out]. */
export const irrepsLinear = (ctx: Context, x: Tensor, theta: Tensor, tables: IrrepsLinearTables): Tensor =>
  apply(ctx, irrepsLinearOp, [x, theta], { tables });
