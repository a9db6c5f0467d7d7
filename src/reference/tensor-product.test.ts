import { describe, expect, it } from 'vitest';
import { makeTpPlan, type TpInstruction } from '../o3/tp-instructions';
import { relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';
import {
  randomOrthogonal,
  randomTpInputs,
  tpFixtures,
  transformInputs,
  transformOutput,
  unreachedOutputs,
} from '../test/tp-fixtures';
import { flatWeights, loadTpCases, refPlan } from '../test/tp-refdata';
import { Rng } from '../util/random';
import { tensorProduct, tensorProductBackward } from './tensor-product';

describe('tensorProduct (float64 twin) against e3nn 0.5.1 (tp.json)', () => {
  it.each(loadTpCases().map((c) => [c.name, c] as const))('%s', (_, c) => {
    const got = tensorProduct(
      refPlan(c),
      c.x1.flat(),
      c.x2.flat(),
      flatWeights(c),
      c.batch,
      c.shared_weights,
    );
    expect(relativeError(c.out.flat(), got)).toBeLessThan(TOL.f64);
  });
});

describe('tensorProduct modes', () => {
  // Every mode is a uvw product with a structured weight tensor; 'none' path normalisation gives all
  // modes the same path weight, so the twin's per-mode couplings can be checked against uvw.
  const asUvw = (mode: TpInstruction['mode'], w: Float64Array, m: number): Float64Array => {
    const full = new Float64Array(m * m * m);
    for (let u = 0; u < m; u++)
      for (let v = 0; v < m; v++)
        for (let x = 0; x < m; x++) {
          const value = {
            uvw: w[(u * m + v) * m + x],
            uvu: u === x ? w[u * m + v] : 0,
            uvv: v === x ? w[u * m + v] : 0,
            uuw: u === v ? w[u * m + x] : 0,
            uuu: u === v && v === x ? w[u] : 0,
          }[mode];
          full[(u * m + v) * m + x] = value;
        }
    return full;
  };

  it.each(['uvu', 'uvv', 'uuw', 'uuu'] as const)('%s equals uvw with the matching sparse weights', (mode) => {
    const rng = new Rng(7);
    const m = 3;
    const irreps = ['3x1o', '3x2e', '3x2o'] as const;
    const options = { pathNormalization: 'none' } as const;
    const ins = (mode: TpInstruction['mode'], hasWeight = true) => [
      { iIn1: 0, iIn2: 0, iOut: 0, mode, hasWeight },
    ];
    const plan = makeTpPlan(...irreps, ins(mode), options);
    const uvw = makeTpPlan(...irreps, ins('uvw'), options);
    const { x1, x2, weights } = randomTpInputs(plan, 4, true, rng);
    const want = tensorProduct(uvw, x1, x2, asUvw(mode, weights, m), 4, true);
    expect(relativeError(want, tensorProduct(plan, x1, x2, weights, 4, true))).toBeLessThan(TOL.f64Tight);
    if (mode === 'uuw') return; // unweighted uuw needs mul_out = 1
    const unweighted = makeTpPlan(...irreps, ins(mode, false), options);
    const ones = asUvw(mode, new Float64Array(m * m).fill(1), m);
    const got = tensorProduct(unweighted, x1, x2, new Float64Array(0), 4, true);
    expect(relativeError(tensorProduct(uvw, x1, x2, ones, 4, true), got)).toBeLessThan(TOL.f64Tight);
  });

  it('uses per-sample weights row by row', () => {
    const rng = new Rng(8);
    const { plan } = tpFixtures()[0];
    const { x1, x2, weights } = randomTpInputs(plan, 3, false, rng);
    const batched = tensorProduct(plan, x1, x2, weights, 3, false);
    for (let z = 0; z < 3; z++) {
      const row = (a: Float64Array, n: number) => a.subarray(z * n, (z + 1) * n);
      const one = tensorProduct(
        plan,
        row(x1, plan.irrepsIn1.dim),
        row(x2, plan.irrepsIn2.dim),
        row(weights, plan.weightNumel),
        1,
        true,
      );
      expect(relativeError(one, row(batched, plan.irrepsOut.dim))).toBe(0);
    }
  });

  it('rejects inputs of the wrong length', () => {
    const { plan } = tpFixtures()[0];
    const x1 = new Float64Array(2 * plan.irrepsIn1.dim);
    const x2 = new Float64Array(2 * plan.irrepsIn2.dim);
    expect(() => tensorProduct(plan, x1, x2, new Float64Array(plan.weightNumel), 2, false)).toThrow(
      /per-sample weights/,
    );
    expect(() =>
      tensorProduct(plan, x1.subarray(1), x2, new Float64Array(plan.weightNumel), 2, true),
    ).toThrow(/x1 has/);
  });
});

describe.each(tpFixtures().map((f) => [f.name, f] as const))('twin on %s', (_, { plan }) => {
  it('is equivariant under rotations and reflections', () => {
    const rng = new Rng(11);
    for (const reflect of [false, true]) {
      const { x1, x2, weights } = randomTpInputs(plan, 3, true, rng);
      const R = randomOrthogonal(rng, reflect);
      const rotated = transformInputs(plan, R, x1, x2, 3);
      const want = transformOutput(plan, R, tensorProduct(plan, x1, x2, weights, 3, true), 3);
      expect(relativeError(want, tensorProduct(plan, rotated.x1, rotated.x2, weights, 3, true))).toBeLessThan(
        TOL.f64,
      );
    }
  });

  it('leaves outputs that no path reaches at zero', () => {
    const { x1, x2, weights } = randomTpInputs(plan, 2, true, new Rng(12));
    const out = tensorProduct(plan, x1, x2, weights, 2, true);
    const zeroDims = unreachedOutputs(plan).dim;
    const allNonZero = out.filter((v) => v !== 0).length;
    expect(allNonZero).toBe(out.length - 2 * zeroDims);
  });

  it.each([true, false])('backward matches central finite differences (shared weights: %s)', (shared) => {
    const rng = new Rng(shared ? 13 : 14);
    const batch = 2;
    const inputs = randomTpInputs(plan, batch, shared, rng);
    const { x1, x2, weights, gradOut } = inputs;
    const loss = (a: Float64Array, b: Float64Array, w: Float64Array) =>
      tensorProduct(plan, a, b, w, batch, shared).reduce((s, v, n) => s + v * gradOut[n], 0);
    const numeric = (which: 0 | 1 | 2) => {
      const args = [x1, x2, weights].map((a) => a.slice());
      const h = 1e-3;
      return args[which].map((value, n) => {
        args[which][n] = value + h;
        const up = loss(args[0], args[1], args[2]);
        args[which][n] = value - h;
        const down = loss(args[0], args[1], args[2]);
        args[which][n] = value;
        return (up - down) / (2 * h);
      });
    };
    const got = tensorProductBackward(plan, x1, x2, weights, gradOut, batch, shared);
    expect(relativeError(numeric(0), got.gradX1)).toBeLessThan(TOL.finiteDifferenceMultilinear);
    expect(relativeError(numeric(1), got.gradX2)).toBeLessThan(TOL.finiteDifferenceMultilinear);
    expect(relativeError(numeric(2), got.gradWeights)).toBeLessThan(TOL.finiteDifferenceMultilinear);
  });
});
