/**
 * Float64 twin of the Clebsch–Gordan tensor product (e3nn 0.5.1 `o3.TensorProduct` semantics) and
 * of its backward pass. Written independently of the GPU tables: each path is expanded into its
 * list of couplings (u, v, w, weight index) straight from the mode's definition, then summed
 * sparsely over the non-zero Wigner 3j entries. Oracle for the kernel tests and the CPU backend.
 *
 *   out[z, w, k] += pathWeight · W[weight index] · C[i, j, k] · x1[z, u, i] · x2[z, v, j]
 */
import type { TpPath, TpPlan } from '../o3/tp-instructions';
import { type Cg3jEntry, sparseWigner3j } from '../o3/wigner3j-sparse';

export interface TpGradients {
  gradX1: Float64Array;
  gradX2: Float64Array;
  /** numel when the weights are shared (summed over the batch), batch × numel otherwise. */
  gradWeights: Float64Array;
}

interface CompiledPath {
  path: TpPath;
  /** Flat quadruples (u, v, w, weight index within the path). */
  couplings: Int32Array;
  cg: readonly Cg3jEntry[];
}

/** The couplings of one path, in the order e3nn lays out its weights. */
export function pathCouplings(path: TpPath): Int32Array {
  const { mul1, mul2, mulOut } = path;
  const quads: number[] = [];
  const add = (u: number, v: number, w: number, index: number) => quads.push(u, v, w, index);
  switch (path.mode) {
    case 'uvw':
      for (let u = 0; u < mul1; u++)
        for (let v = 0; v < mul2; v++)
          for (let w = 0; w < mulOut; w++) add(u, v, w, (u * mul2 + v) * mulOut + w);
      break;
    case 'uvu':
      for (let u = 0; u < mul1; u++) for (let v = 0; v < mul2; v++) add(u, v, u, u * mul2 + v);
      break;
    case 'uvv':
      for (let u = 0; u < mul1; u++) for (let v = 0; v < mul2; v++) add(u, v, v, u * mul2 + v);
      break;
    case 'uuw':
      for (let u = 0; u < mul1; u++) for (let w = 0; w < mulOut; w++) add(u, u, w, u * mulOut + w);
      break;
    case 'uuu':
      for (let u = 0; u < mul1; u++) add(u, u, u, u);
      break;
  }
  return Int32Array.from(quads);
}

const compiledCache = new WeakMap<TpPlan, CompiledPath[]>();

function compile(plan: TpPlan): CompiledPath[] {
  let compiled = compiledCache.get(plan);
  if (!compiled) {
    compiled = plan.paths.map((path) => ({
      path,
      couplings: pathCouplings(path),
      cg: sparseWigner3j(path.l1, path.l2, path.lOut),
    }));
    compiledCache.set(plan, compiled);
  }
  return compiled;
}

function checkLength(name: string, array: ArrayLike<number>, want: number): void {
  if (array.length !== want)
    throw new RangeError(`tensor product: ${name} has ${array.length} values, expected ${want}`);
}

function checkInputs(
  plan: TpPlan,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  weights: ArrayLike<number>,
  batch: number,
  shared: boolean,
) {
  if (!Number.isInteger(batch) || batch < 0)
    throw new RangeError(`tensor product: batch must be an integer ≥ 0, got ${batch}`);
  checkLength('x1', x1, batch * plan.irrepsIn1.dim);
  checkLength('x2', x2, batch * plan.irrepsIn2.dim);
  checkLength(
    shared ? 'shared weights' : 'per-sample weights',
    weights,
    (shared ? 1 : batch) * plan.weightNumel,
  );
}

/**
 * Visits every term pathWeight·C · W · x1 · x2 of one sample: `factor` = pathWeight·C, `weight` = W
 * (1 for unweighted paths, whose weightIndex is −1), and the flat indices the term touches.
 */
function forEachTerm(
  plan: TpPlan,
  weights: ArrayLike<number>,
  weightBase: number,
  visit: (factor: number, weight: number, i1: number, i2: number, iOut: number, weightIndex: number) => void,
): void {
  for (const { path, couplings, cg } of compile(plan)) {
    const [d1, d2, dOut] = [2 * path.l1 + 1, 2 * path.l2 + 1, 2 * path.lOut + 1];
    for (let q = 0; q < couplings.length; q += 4) {
      const weightIndex = weightBase + path.weightOffset + couplings[q + 3];
      const weight = path.hasWeight ? weights[weightIndex] : 1;
      const b1 = path.offset1 + couplings[q] * d1;
      const b2 = path.offset2 + couplings[q + 1] * d2;
      const bOut = path.offsetOut + couplings[q + 2] * dOut;
      for (const { i, j, k, c } of cg) {
        visit(path.pathWeight * c, weight, b1 + i, b2 + j, bOut + k, path.hasWeight ? weightIndex : -1);
      }
    }
  }
}

/**
 * out (batch × irrepsOut.dim) of the tensor product. `weights` has plan.weightNumel values when
 * `sharedWeights`, else batch × weightNumel (one weight vector per sample), in e3nn's order.
 */
export function tensorProduct(
  plan: TpPlan,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  weights: ArrayLike<number>,
  batch: number,
  sharedWeights: boolean,
): Float64Array {
  const [dim1, dim2, dimOut] = [plan.irrepsIn1.dim, plan.irrepsIn2.dim, plan.irrepsOut.dim];
  checkInputs(plan, x1, x2, weights, batch, sharedWeights);
  const out = new Float64Array(batch * dimOut);
  for (let z = 0; z < batch; z++) {
    const [o1, o2, oOut] = [z * dim1, z * dim2, z * dimOut];
    forEachTerm(plan, weights, sharedWeights ? 0 : z * plan.weightNumel, (f, w, i1, i2, iOut) => {
      out[oOut + iOut] += f * w * x1[o1 + i1] * x2[o2 + i2];
    });
  }
  return out;
}

/** Gradients of Σ gradOut · out with respect to x1, x2 and the weights. */
export function tensorProductBackward(
  plan: TpPlan,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  weights: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  batch: number,
  sharedWeights: boolean,
): TpGradients {
  const [dim1, dim2, dimOut] = [plan.irrepsIn1.dim, plan.irrepsIn2.dim, plan.irrepsOut.dim];
  checkInputs(plan, x1, x2, weights, batch, sharedWeights);
  checkLength('gradOut', gradOut, batch * dimOut);
  const gradX1 = new Float64Array(batch * dim1);
  const gradX2 = new Float64Array(batch * dim2);
  const gradWeights = new Float64Array(sharedWeights ? plan.weightNumel : batch * plan.weightNumel);
  for (let z = 0; z < batch; z++) {
    const [o1, o2, oOut] = [z * dim1, z * dim2, z * dimOut];
    forEachTerm(
      plan,
      weights,
      sharedWeights ? 0 : z * plan.weightNumel,
      (f, w, i1, i2, iOut, weightIndex) => {
        const fg = f * gradOut[oOut + iOut];
        const a = x1[o1 + i1];
        const b = x2[o2 + i2];
        gradX1[o1 + i1] += fg * w * b;
        gradX2[o2 + i2] += fg * w * a;
        // Shared weights: the same index for every sample, so this also sums over the batch.
        if (weightIndex >= 0) gradWeights[weightIndex] += fg * a * b;
      },
    );
  }
  return { gradX1, gradX2, gradWeights };
}
