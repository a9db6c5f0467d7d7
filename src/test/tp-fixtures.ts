// Tensor-product plans shared by the twin and kernel tests: every connection mode, weighted and
// unweighted paths, several paths into one output, l up to 4, and an output block no path reaches.
import { Irreps } from '../o3/irreps';
import { type Mat3, randomRotation } from '../o3/rotation';
import {
  channelwiseInstructions,
  fullyConnectedTpPlan,
  makeTpPlan,
  type TpPlan,
} from '../o3/tp-instructions';
import { blockDiagonalD } from '../o3/wigner';
import type { Rng } from '../util/random';

export interface TpFixture {
  name: string;
  plan: TpPlan;
}

export function tpFixtures(): TpFixture[] {
  const channelwise = channelwiseInstructions('3x0e + 2x1o + 2x2e', '1x0e + 1x1o + 1x2e + 1x3o + 1x4e', 4);
  return [
    {
      name: 'fully connected uvw, l ≤ 3',
      plan: fullyConnectedTpPlan(
        '3x0e + 2x1o + 2x2e',
        '1x0e + 1x1o + 1x2e',
        '2x0e + 3x1o + 2x1e + 2x2e + 1x3o',
      ),
    },
    {
      name: 'channelwise uvu into l ≤ 4',
      plan: makeTpPlan(
        '3x0e + 2x1o + 2x2e',
        '1x0e + 1x1o + 1x2e + 1x3o + 1x4e',
        channelwise.irrepsOut,
        channelwise.instructions,
      ),
    },
    {
      name: 'every mode, weighted and unweighted, shared outputs',
      plan: makeTpPlan(
        '3x1o + 2x2e + 3x0e',
        '3x1o + 2x2e',
        // block 6 (1x0o) is reached by no path and must come out as zeros
        '3x0e + 3x1e + 2x3o + 1x2e + 3x2o + 3x1o + 1x0o + 2x2e',
        [
          { iIn1: 0, iIn2: 0, iOut: 0, mode: 'uuu', hasWeight: true },
          { iIn1: 0, iIn2: 0, iOut: 1, mode: 'uuu', hasWeight: false },
          { iIn1: 1, iIn2: 1, iOut: 3, mode: 'uuw', hasWeight: true },
          { iIn1: 1, iIn2: 1, iOut: 3, mode: 'uuw', hasWeight: false },
          { iIn1: 0, iIn2: 1, iOut: 2, mode: 'uvv', hasWeight: true },
          { iIn1: 0, iIn2: 1, iOut: 4, mode: 'uvu', hasWeight: true },
          { iIn1: 1, iIn2: 0, iOut: 4, mode: 'uvv', hasWeight: true },
          { iIn1: 2, iIn2: 0, iOut: 5, mode: 'uvu', hasWeight: false },
          { iIn1: 0, iIn2: 1, iOut: 5, mode: 'uvw', hasWeight: true },
          { iIn1: 2, iIn2: 1, iOut: 7, mode: 'uvv', hasWeight: false },
        ],
        { pathNormalization: 'path', irrepNormalization: 'norm' },
      ),
    },
    {
      name: 'l = 3, 4 inputs into l up to 5',
      plan: makeTpPlan('2x4e + 2x3o', '1x4e + 2x2o', '2x4e + 2x0e + 2x3o + 1x5o', [
        { iIn1: 0, iIn2: 0, iOut: 0, mode: 'uvu', hasWeight: true },
        { iIn1: 0, iIn2: 0, iOut: 1, mode: 'uvu', hasWeight: true },
        { iIn1: 1, iIn2: 1, iOut: 0, mode: 'uuu', hasWeight: true },
        { iIn1: 0, iIn2: 1, iOut: 2, mode: 'uvw', hasWeight: true },
        { iIn1: 1, iIn2: 0, iOut: 3, mode: 'uvw', hasWeight: true },
      ]),
    },
  ];
}

export interface TpInputs {
  x1: Float64Array;
  x2: Float64Array;
  weights: Float64Array;
  gradOut: Float64Array;
}

/** Fresh standard-normal inputs for `batch` samples (weights per sample unless shared). */
export function randomTpInputs(plan: TpPlan, batch: number, shared: boolean, rng: Rng): TpInputs {
  return {
    x1: rng.normals(batch * plan.irrepsIn1.dim),
    x2: rng.normals(batch * plan.irrepsIn2.dim),
    weights: rng.normals((shared ? 1 : batch) * plan.weightNumel),
    gradOut: rng.normals(batch * plan.irrepsOut.dim),
  };
}

/** Applies the dim×dim matrix `d` to each of the `batch` rows of `x`. */
export function transformRows(d: Float64Array, x: ArrayLike<number>, batch: number): Float64Array {
  const dim = Math.round(Math.sqrt(d.length));
  const out = new Float64Array(batch * dim);
  for (let z = 0; z < batch; z++) {
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += d[i * dim + j] * x[z * dim + j];
      out[z * dim + i] = s;
    }
  }
  return out;
}

/** The output blocks of a plan that no path writes (they must be exactly zero). */
export function unreachedOutputs(plan: TpPlan): Irreps {
  const reached = new Set(plan.paths.map((p) => p.iOut));
  return new Irreps(plan.irrepsOut.blocks.filter((_, i) => !reached.has(i)));
}

/** A random rotation, or (reflect) a rotation times −1: an improper element of O(3). */
export function randomOrthogonal(rng: Rng, reflect: boolean): Mat3 {
  return randomRotation(rng).map((v) => (reflect ? -v : v));
}

/** (D_in1(R) x1, D_in2(R) x2) for every sample. */
export function transformInputs(
  plan: TpPlan,
  R: Mat3,
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  batch: number,
) {
  return {
    x1: transformRows(blockDiagonalD(plan.irrepsIn1, R), x1, batch),
    x2: transformRows(blockDiagonalD(plan.irrepsIn2, R), x2, batch),
  };
}

/** D_out(R) out for every sample. */
export function transformOutput(plan: TpPlan, R: Mat3, out: ArrayLike<number>, batch: number): Float64Array {
  return transformRows(blockDiagonalD(plan.irrepsOut, R), out, batch);
}
