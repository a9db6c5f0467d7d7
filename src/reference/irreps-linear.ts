// Float64 twin of the e3nn Linear kernels (shaders/nn/irreps_linear*.wgsl):
//   out[r, outStart + w·d + m] = Σ_paths pathWeight · Σ_u θ[offset + u·mulOut + w] · x[r, inStart + u·d + m]
//                                (+ θ[bias] on 0e outputs),
// and the gradients of Σ gradOut · out with respect to x and θ.
import type { LinearPlan } from '../o3/linear-instructions';

function check(plan: LinearPlan, x: ArrayLike<number>, theta: ArrayLike<number>, rows: number): void {
  if (x.length !== rows * plan.irrepsIn.dim)
    throw new RangeError(`irreps linear: x has ${x.length} values for ${rows} × ${plan.irrepsIn.dim}`);
  if (theta.length !== plan.numParams)
    throw new RangeError(`irreps linear: ${theta.length} parameters, the plan has ${plan.numParams}`);
}

export function irrepsLinear(
  plan: LinearPlan,
  x: ArrayLike<number>,
  theta: ArrayLike<number>,
  rows: number,
): Float64Array {
  check(plan, x, theta, rows);
  const [dIn, dOut] = [plan.irrepsIn.dim, plan.irrepsOut.dim];
  const out = new Float64Array(rows * dOut);
  for (let r = 0; r < rows; r++) {
    for (const p of plan.paths) {
      for (let w = 0; w < p.mulOut; w++) {
        for (let m = 0; m < p.dim; m++) {
          let s = 0;
          for (let u = 0; u < p.mulIn; u++)
            s += theta[p.weightOffset + u * p.mulOut + w] * x[r * dIn + p.inStart + u * p.dim + m];
          out[r * dOut + p.outStart + w * p.dim + m] += p.pathWeight * s;
        }
      }
    }
    for (const b of plan.biases)
      for (let w = 0; w < b.mul; w++) out[r * dOut + b.outStart + w] += theta[b.offset + w];
  }
  return out;
}

export function irrepsLinearBackward(
  plan: LinearPlan,
  x: ArrayLike<number>,
  theta: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  rows: number,
): { gradX: Float64Array; gradTheta: Float64Array } {
  check(plan, x, theta, rows);
  const [dIn, dOut] = [plan.irrepsIn.dim, plan.irrepsOut.dim];
  const gradX = new Float64Array(rows * dIn);
  const gradTheta = new Float64Array(plan.numParams);
  for (let r = 0; r < rows; r++) {
    for (const p of plan.paths) {
      for (let u = 0; u < p.mulIn; u++) {
        for (let w = 0; w < p.mulOut; w++) {
          const e = p.weightOffset + u * p.mulOut + w;
          for (let m = 0; m < p.dim; m++) {
            const g = p.pathWeight * gradOut[r * dOut + p.outStart + w * p.dim + m];
            gradX[r * dIn + p.inStart + u * p.dim + m] += theta[e] * g;
            gradTheta[e] += x[r * dIn + p.inStart + u * p.dim + m] * g;
          }
        }
      }
    }
    for (const b of plan.biases)
      for (let w = 0; w < b.mul; w++) gradTheta[b.offset + w] += gradOut[r * dOut + b.outStart + w];
  }
  return { gradX, gradTheta };
}
