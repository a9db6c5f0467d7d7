import { describe, expect, it } from 'vitest';
import { TOL } from '../test/tolerances';
import { loadTpCases, refInstructions, refPlan } from '../test/tp-refdata';
import {
  channelwiseInstructions,
  fullyConnectedInstructions,
  makeTpPlan,
  type TpInstruction,
  type TpOptions,
} from './tp-instructions';

describe('tensor-product instructions against e3nn 0.5.1 (tp.json)', () => {
  const cases = loadTpCases();

  it('builds FullyConnectedTensorProduct instructions in e3nn order', () => {
    const fc = cases.filter((c) => c.class === 'FullyConnectedTensorProduct');
    expect(fc.length).toBeGreaterThan(0);
    for (const c of fc) {
      const got = fullyConnectedInstructions(c.irreps_in1, c.irreps_in2, c.irreps_out);
      expect(got.map((i) => [i.iIn1, i.iIn2, i.iOut, i.mode, i.hasWeight])).toEqual(
        c.instructions.map((i) => [i.i_in1, i.i_in2, i.i_out, i.connection_mode, i.has_weight]),
      );
    }
  });

  it('builds the channelwise (uvu) instructions and output irreps of the uvu cases', () => {
    const uvu = cases.filter((c) => c.class === 'TensorProduct');
    expect(uvu.length).toBeGreaterThan(0);
    for (const c of uvu) {
      const lmaxOut = Number(/lmax_out (\d+)/.exec(c.name)?.[1]);
      const { irrepsOut, instructions } = channelwiseInstructions(c.irreps_in1, c.irreps_in2, lmaxOut);
      expect(irrepsOut.toString()).toBe(c.irreps_out);
      expect(instructions).toEqual(refInstructions(c));
    }
  });

  it('reproduces every recorded path weight, weight shape, offset and weight_numel', () => {
    for (const c of cases) {
      const plan = refPlan(c);
      expect(plan.weightNumel).toBe(c.weight_numel);
      expect(plan.paths.length).toBe(c.instructions.length);
      plan.paths.forEach((path, n) => {
        const want = c.instructions[n];
        expect(Math.abs(path.pathWeight - want.path_weight) / want.path_weight).toBeLessThan(TOL.f64Tight);
        expect([...path.weightShape]).toEqual(want.path_shape);
        expect(path.weightOffset).toBe(want.weight_offset);
        expect(path.weightNumel).toBe(want.weight_numel);
      });
    }
  });
});

describe('path normalisation (e3nn TensorProduct.__init__ rules)', () => {
  // Output 0 (3x1o) gets a uvu path (fan-in mul2 = 2) and a uuu path (1); output 1 (3x0e) gets a uvv
  // path (mul1 = 3) and a uvw path (3·2 = 6). Each mode's num_elements rule shows in the weights.
  const irreps = ['3x1o + 3x0e', '3x1o + 2x0e', '3x1o + 3x0e'] as const;
  const instructions: TpInstruction[] = [
    { iIn1: 0, iIn2: 1, iOut: 0, mode: 'uvu', hasWeight: true },
    { iIn1: 1, iIn2: 0, iOut: 0, mode: 'uuu', hasWeight: false },
    { iIn1: 0, iIn2: 0, iOut: 1, mode: 'uvv', hasWeight: true },
    { iIn1: 1, iIn2: 1, iOut: 1, mode: 'uvw', hasWeight: true },
  ];
  const weightsOf = (options: TpOptions, ins = instructions) =>
    makeTpPlan(...irreps, ins, options).paths.map((p) => p.pathWeight);
  const expectClose = (got: number[], want: number[]) =>
    got.forEach((g, n) => {
      expect(Math.abs(g - want[n])).toBeLessThan(TOL.f64Tight);
    });

  it("'component' + 'element': α = 2l_out+1 over the summed fan-in of the output", () => {
    expectClose(weightsOf({}), [1, 1, Math.sqrt(1 / 9), Math.sqrt(1 / 9)]);
  });

  it("'norm': α = (2l1+1)(2l2+1)", () => {
    expectClose(weightsOf({ irrepNormalization: 'norm' }), [1, 1, 1, Math.sqrt(1 / 9)]);
  });

  it("'path': fan-in of the path times the number of paths into the output", () => {
    const want = [Math.sqrt(3 / 4), Math.sqrt(3 / 2), Math.sqrt(1 / 6), Math.sqrt(1 / 12)];
    expectClose(weightsOf({ pathNormalization: 'path' }), want);
  });

  it("'none' for both: α = 1", () => {
    expectClose(weightsOf({ irrepNormalization: 'none', pathNormalization: 'none' }), [1, 1, 1, 1]);
  });

  it('multiplies the instruction path_weight and the variances into α before the square root', () => {
    const scaled = instructions.map((ins, n) => (n === 0 ? { ...ins, pathWeight: 4 } : ins));
    expectClose(weightsOf({}, scaled).slice(0, 2), [2, 1]);
    // in1_var of block 0 enters the fan-in of output 0: x = 2·2 (uvu) + 1·1 (uuu) = 5.
    expectClose(weightsOf({ in1Var: [2, 1] }).slice(0, 2), [Math.sqrt(3 / 5), Math.sqrt(3 / 5)]);
    expectClose(weightsOf({ outVar: [4, 1] }).slice(0, 2), [2, 2]);
  });

  it('lays weights out per mode, skipping unweighted paths', () => {
    const plan = makeTpPlan(...irreps, instructions);
    expect(plan.paths.map((p) => [...p.weightShape])).toEqual([[3, 2], [3], [3, 3], [3, 2, 3]]);
    expect(plan.paths.map((p) => p.weightOffset)).toEqual([0, 6, 6, 15]);
    expect(plan.paths.map((p) => p.weightNumel)).toEqual([6, 0, 9, 18]);
    expect(plan.weightNumel).toBe(33);
    expect(plan.paths.map((p) => [p.offset1, p.offset2, p.offsetOut])).toEqual([
      [0, 9, 0],
      [9, 0, 0],
      [0, 0, 9],
      [9, 9, 9],
    ]);
  });
});

describe('instruction validation', () => {
  const plan = (i1: string, i2: string, o: string, ins: Partial<TpInstruction>) =>
    makeTpPlan(i1, i2, o, [{ iIn1: 0, iIn2: 0, iOut: 0, mode: 'uvw', hasWeight: true, ...ins }]);

  it('rejects indices out of range', () => {
    expect(() => plan('1x0e', '1x0e', '1x0e', { iIn1: 1 })).toThrow(/input 1 index 1 is out of range/);
    expect(() => plan('1x0e', '1x0e', '1x0e', { iIn2: -1 })).toThrow(/input 2 index -1 is out of range/);
    expect(() => plan('1x0e', '1x0e', '1x0e', { iOut: 3 })).toThrow(/output index 3 is out of range/);
  });

  it('rejects parity and triangle violations', () => {
    expect(() => plan('1x1o', '1x1o', '1x1o', {})).toThrow(/parity violated/);
    expect(() => plan('1x1o', '1x1o', '1x3e', {})).toThrow(/triangle rule violated/);
    expect(() => plan('1x2e', '1x0e', '1x1e', {})).toThrow(/triangle rule violated/);
  });

  it('rejects multiplicities a mode cannot connect', () => {
    expect(() => plan('2x0e', '3x0e', '3x0e', { mode: 'uvu' })).toThrow(/'uvu' needs mul_in1 = mul_out/);
    expect(() => plan('2x0e', '3x0e', '2x0e', { mode: 'uvv' })).toThrow(/'uvv' needs mul_in2 = mul_out/);
    expect(() => plan('2x0e', '3x0e', '4x0e', { mode: 'uuw' })).toThrow(/'uuw' needs mul_in1 = mul_in2/);
    expect(() => plan('2x0e', '2x0e', '2x0e', { mode: 'uuw', hasWeight: false })).toThrow(
      /needs mul_out = 1/,
    );
    expect(() => plan('2x0e', '2x0e', '3x0e', { mode: 'uuu' })).toThrow(
      /'uuu' needs mul_in1 = mul_in2 = mul_out/,
    );
    expect(() => plan('2x0e', '2x0e', '3x0e', { hasWeight: false })).toThrow(/'uvw' needs weights/);
  });

  it('rejects unknown modes, bad path weights and variance lists of the wrong length', () => {
    const bad = { mode: 'uvuv' as TpInstruction['mode'] };
    expect(() => plan('1x0e', '1x0e', '1x0e', bad)).toThrow(/unknown connection mode/);
    expect(() => plan('1x0e', '1x0e', '1x0e', { pathWeight: -1 })).toThrow(/pathWeight must be/);
    const ins = fullyConnectedInstructions('1x0e', '1x0e', '1x0e');
    expect(() => makeTpPlan('1x0e', '1x0e', '1x0e', ins, { in1Var: [1, 1] })).toThrow(
      /in1Var: need one variance/,
    );
  });

  it('accepts unweighted uuw into a single output copy', () => {
    expect(plan('3x1o', '3x1o', '1x0e', { mode: 'uuw', hasWeight: false }).weightNumel).toBe(0);
  });
});
