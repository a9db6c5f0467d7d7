// CPU checks of the packed tables: a float64 interpreter that reads the words exactly as the
// shaders do must reproduce the twin's forward and backward for every mode and direction.
import { describe, expect, it } from 'vitest';
import cgContractSource from '../../shaders/tp/cg_contract.wgsl?raw';
import cgWeightGradSource from '../../shaders/tp/cg_weight_grad.wgsl?raw';
import type { TpPlan } from '../o3/tp-instructions';
import { tensorProduct, tensorProductBackward } from '../reference/tensor-product';
import { relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';
import { randomTpInputs, tpFixtures } from '../test/tp-fixtures';
import { Rng } from '../util/random';
import {
  contractionLaunch,
  contractionTerms,
  type Direction,
  directionDims,
  packContraction,
  packWeightGradient,
  TERM_STRIDE,
  WEIGHT_GROUP,
  WEIGHT_PATH_STRIDE,
} from './tensor-product-tables';

const asF32 = (words: Uint32Array, n: number) =>
  new Float32Array(words.buffer, words.byteOffset, words.length)[n];

/** cg_contract.wgsl's arithmetic on the packed words (direct form for every term). */
function interpretContraction(
  plan: TpPlan,
  d: Direction,
  a: Float64Array,
  b: Float64Array,
  w: Float64Array,
  batch: number,
  shared: boolean,
) {
  const { terms, cg, numTerms } = packContraction(contractionTerms(plan, d));
  const dims = { x1: plan.irrepsIn1.dim, x2: plan.irrepsIn2.dim, out: plan.irrepsOut.dim };
  const [dimA, dimB, dimO] = {
    forward: [dims.x1, dims.x2, dims.out],
    gradX1: [dims.x2, dims.out, dims.x1],
    gradX2: [dims.x1, dims.out, dims.x2],
  }[d];
  const o = new Float64Array(batch * dimO);
  for (let z = 0; z < batch; z++) {
    for (let t = 0; t < numTerms; t++) {
      const T = terms.subarray(t * TERM_STRIDE, (t + 1) * TERM_STRIDE);
      const [offO, widthO, mulO, offA, widthA, offB, widthB, nA, nB] = T;
      const dot = (abr: number[], at: number) => abr[0] * T[at] + abr[1] * T[at + 1] + abr[2] * T[at + 2];
      const wBase = (shared ? 0 : z * plan.weightNumel) + T[15];
      for (let r = 0; r < mulO; r++)
        for (let io = 0; io < widthO; io++) {
          let acc = 0;
          for (let pa = 0; pa < nA; pa++)
            for (let pb = 0; pb < nB; pb++) {
              const abr = [pa, pb, r];
              const rowA = z * dimA + offA + dot(abr, 9) * widthA;
              const rowB = z * dimB + offB + dot(abr, 12) * widthB;
              let s = 0;
              for (let n = terms[T[21] + io]; n < terms[T[21] + io + 1]; n++) {
                s += asF32(cg, 2 * n + 1) * a[rowA + (cg[2 * n] & 0xffff)] * b[rowB + (cg[2 * n] >>> 16)];
              }
              acc += (T[19] ? w[wBase + dot(abr, 16)] : 1) * s;
            }
          o[z * dimO + offO + r * widthO + io] += asF32(T, 20) * acc;
        }
    }
  }
  return o;
}

/** cg_weight_grad.wgsl's arithmetic on the packed words, one chunk per sample, summed when shared. */
function interpretWeightGradient(
  plan: TpPlan,
  x1: Float64Array,
  x2: Float64Array,
  g: Float64Array,
  batch: number,
  shared: boolean,
) {
  const forward = packContraction(contractionTerms(plan, 'forward'));
  const { table, groupsStart, numGroups } = packWeightGradient(plan, forward);
  const [dim1, dim2, dimO] = [plan.irrepsIn1.dim, plan.irrepsIn2.dim, plan.irrepsOut.dim];
  const numel = plan.weightNumel;
  const out = new Float64Array((shared ? 1 : batch) * numel);
  for (let z = 0; z < batch; z++)
    for (let q = groupsStart; q < groupsStart + 3 * numGroups; q += 3) {
      const [s, e0, count] = [table[q] * WEIGHT_PATH_STRIDE, table[q + 1], table[q + 2]];
      const local = e0 - table[s + 11];
      const [shape1, shape2] = [table[s + 7], table[s + 8]];
      const idx = [
        Math.floor(local / (shape1 * shape2)),
        Math.floor(local / shape2) % shape1,
        local % shape2,
      ];
      const row1 = z * dim1 + table[s] + idx[0] * table[s + 1];
      const row2 = z * dim2 + table[s + 2] + idx[table[s + 9]] * table[s + 3];
      const rowO = z * dimO + table[s + 4] + idx[table[s + 10]] * table[s + 5];
      for (let k = 0; k < table[s + 5]; k++) {
        let sum = 0;
        for (let n = table[table[s + 6] + k]; n < table[table[s + 6] + k + 1]; n++) {
          const ab = forward.cg[2 * n];
          sum += asF32(forward.cg, 2 * n + 1) * x1[row1 + (ab & 0xffff)] * x2[row2 + (ab >>> 16)];
        }
        for (let j = 0; j < count; j++) {
          out[(shared ? 0 : z * numel) + e0 + j] +=
            asF32(table, s + 12) * sum * g[rowO + j * table[s + 5] + k];
        }
      }
    }
  return out;
}

describe.each(tpFixtures().map((f) => [f.name, f] as const))('packed tables of %s', (_, { plan }) => {
  it.each([true, false])('reproduce the twin in every direction (shared weights: %s)', (shared) => {
    const batch = 2;
    const { x1, x2, weights, gradOut } = randomTpInputs(plan, batch, shared, new Rng(shared ? 41 : 42));
    const want = tensorProductBackward(plan, x1, x2, weights, gradOut, batch, shared);
    const run = (d: Direction, a: Float64Array, b: Float64Array) =>
      interpretContraction(plan, d, a, b, weights, batch, shared);
    // The tables hold f32 coefficients, so agreement is to float32 rounding of C and the path weights.
    expect(
      relativeError(tensorProduct(plan, x1, x2, weights, batch, shared), run('forward', x1, x2)),
    ).toBeLessThan(TOL.f32Elementwise);
    expect(relativeError(want.gradX1, run('gradX1', x2, gradOut))).toBeLessThan(TOL.f32Elementwise);
    expect(relativeError(want.gradX2, run('gradX2', x1, gradOut))).toBeLessThan(TOL.f32Elementwise);
    const gradWeights = interpretWeightGradient(plan, x1, x2, gradOut, batch, shared);
    expect(relativeError(want.gradWeights, gradWeights)).toBeLessThan(TOL.f32Elementwise);
  });

  it('launch shapes fit every staged term into the tile', () => {
    for (const d of ['forward', 'gradX1', 'gradX2'] as const) {
      const terms = contractionTerms(plan, d);
      const { workgroupSize, tile } = contractionLaunch(terms, directionDims(plan, d)[2]);
      expect(workgroupSize).toBeGreaterThanOrEqual(8);
      expect(workgroupSize).toBeLessThanOrEqual(64);
      for (const t of terms.filter((t) => t.staged)) expect(tile).toBeGreaterThanOrEqual(t.widthO);
    }
  });
});

it('packs with the strides and group size the shaders declare', () => {
  expect(cgContractSource).toContain(`const TERM_STRIDE: u32 = ${TERM_STRIDE}u;`);
  expect(cgWeightGradSource).toContain(`const PATH_STRIDE: u32 = ${WEIGHT_PATH_STRIDE}u;`);
  expect(cgWeightGradSource).toContain(`const GROUP: u32 = ${WEIGHT_GROUP}u;`);
});
