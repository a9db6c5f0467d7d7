/**
 * e3nn 0.5.1's `o3.Linear` resolved into paths: which input block feeds which output block, the
 * layout of the flat parameter vector and the 1/√fan_in path weights. The float64 twin
 * (src/reference/irreps-linear.ts) and the GPU tables (src/kernels/nn/irreps-linear.ts) both read
 * a `LinearPlan`.
 */
import { Irreps } from './irreps';

/** One instruction (i_in, i_out) of equal irreps: a mulIn × mulOut matrix shared by the 2l+1 components. */
export interface LinearPath {
  readonly iIn: number;
  readonly iOut: number;
  readonly mulIn: number;
  readonly mulOut: number;
  /** 2l + 1 of the common irrep. */
  readonly dim: number;
  /** First column of the blocks in a feature row. */
  readonly inStart: number;
  readonly outStart: number;
  /** First parameter of the path; weight (u, w) is at weightOffset + u·mulOut + w. */
  readonly weightOffset: number;
  readonly pathWeight: number;
}

/** Biases of one 0e output block: parameter offset + w for copy w. */
export interface LinearBias {
  readonly iOut: number;
  readonly outStart: number;
  readonly mul: number;
  readonly offset: number;
}

export interface LinearPlan {
  readonly irrepsIn: Irreps;
  readonly irrepsOut: Irreps;
  readonly paths: readonly LinearPath[];
  readonly biases: readonly LinearBias[];
  readonly numWeights: number;
  readonly numBiases: number;
  /** numWeights + numBiases: the length of the parameter vector (weights first, then biases). */
  readonly numParams: number;
}

export interface LinearOptions {
  /** Biases on 0e outputs (e3nn `biases=True`). */
  bias?: boolean;
  /** A constant folded into every path weight (e.g. 1/√avg_num_neighbors, or an activation's normaliser). */
  inputScale?: number;
}

/**
 * e3nn Linear: instructions for i_in (outer) and i_out (inner) with equal irreps, path weight
 * inputScale/√(Σ mul_in over the instructions into i_out) (`path_normalization='element'`),
 * parameters = e3nn's `weight` (each path's [mul_in, mul_out] row-major) then e3nn's `bias`
 * (each 0e output block's mul_out entries, in block order).
 */
export function makeLinearPlan(
  irrepsIn: Irreps | string,
  irrepsOut: Irreps | string,
  opts: LinearOptions = {},
): LinearPlan {
  const inIrreps = new Irreps(irrepsIn);
  const outIrreps = new Irreps(irrepsOut);
  const [inSlices, outSlices] = [inIrreps.slices(), outIrreps.slices()];
  const pairs: { iIn: number; iOut: number }[] = [];
  inIrreps.blocks.forEach((a, iIn) => {
    outIrreps.blocks.forEach((b, iOut) => {
      if (a.ir.equals(b.ir) && a.mul > 0 && b.mul > 0) pairs.push({ iIn, iOut });
    });
  });
  let offset = 0;
  const paths = pairs.map(({ iIn, iOut }): LinearPath => {
    const fanIn = pairs.filter((p) => p.iOut === iOut).reduce((s, p) => s + inIrreps.blocks[p.iIn].mul, 0);
    const [a, b] = [inIrreps.blocks[iIn], outIrreps.blocks[iOut]];
    const path = {
      iIn,
      iOut,
      mulIn: a.mul,
      mulOut: b.mul,
      dim: a.ir.dim,
      inStart: inSlices[iIn].start,
      outStart: outSlices[iOut].start,
      weightOffset: offset,
      pathWeight: (opts.inputScale ?? 1) / Math.sqrt(fanIn),
    };
    offset += a.mul * b.mul;
    return path;
  });
  const numWeights = offset;
  const biases: LinearBias[] = [];
  if (opts.bias) {
    outIrreps.blocks.forEach(({ mul, ir }, iOut) => {
      if (!ir.isScalar() || mul === 0) return;
      biases.push({ iOut, outStart: outSlices[iOut].start, mul, offset });
      offset += mul;
    });
  }
  return {
    irrepsIn: inIrreps,
    irrepsOut: outIrreps,
    paths,
    biases,
    numWeights,
    numBiases: offset - numWeights,
    numParams: offset,
  };
}
