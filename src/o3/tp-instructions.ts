/**
 * Instructions and path normalisation of e3nn 0.5.1's `o3.TensorProduct`: which (input1, input2,
 * output) irreps blocks are coupled, how their multiplicities are connected ('uvw', 'uvu', …), the
 * per-path weight √α, and the layout of the flat weight vector. A `TpPlan` is the resolved form that
 * the float64 twin and the GPU kernels both execute.
 */
import { type Irrep, Irreps, irrepProduct } from './irreps';

export type ConnectionMode = 'uvw' | 'uvu' | 'uvv' | 'uuw' | 'uuu';
export type IrrepNormalization = 'component' | 'norm' | 'none';
export type PathNormalization = 'element' | 'path' | 'none';

export const CONNECTION_MODES: readonly ConnectionMode[] = ['uvw', 'uvu', 'uvv', 'uuw', 'uuu'];

/** e3nn's instruction tuple (i_in1, i_in2, i_out, connection_mode, has_weight, path_weight). */
export interface TpInstruction {
  iIn1: number;
  iIn2: number;
  iOut: number;
  mode: ConnectionMode;
  hasWeight: boolean;
  /** Extra factor multiplied into α before the square root (e3nn default 1). */
  pathWeight?: number;
}

export interface TpOptions {
  irrepNormalization?: IrrepNormalization;
  pathNormalization?: PathNormalization;
  /** e3nn's in1_var / in2_var / out_var: one variance per irreps block, default 1. */
  in1Var?: readonly number[];
  in2Var?: readonly number[];
  outVar?: readonly number[];
}

/** One instruction resolved against the irreps: everything a kernel needs to run it. */
export interface TpPath {
  readonly iIn1: number;
  readonly iIn2: number;
  readonly iOut: number;
  readonly mode: ConnectionMode;
  readonly hasWeight: boolean;
  readonly l1: number;
  readonly l2: number;
  readonly lOut: number;
  readonly mul1: number;
  readonly mul2: number;
  readonly mulOut: number;
  /** Start of each block in the flat per-sample feature vectors. */
  readonly offset1: number;
  readonly offset2: number;
  readonly offsetOut: number;
  /** The normalised coefficient e3nn stores as `instruction.path_weight`: √(α · pathWeight). */
  readonly pathWeight: number;
  /** e3nn's path_shape; the weights of this path are row-major in this shape. */
  readonly weightShape: readonly number[];
  /** Start in the flat weight vector (meaningful when hasWeight). */
  readonly weightOffset: number;
  /** Weights owned by this path: prod(weightShape) when hasWeight, else 0. */
  readonly weightNumel: number;
}

export interface TpPlan {
  readonly irrepsIn1: Irreps;
  readonly irrepsIn2: Irreps;
  readonly irrepsOut: Irreps;
  readonly irrepNormalization: IrrepNormalization;
  readonly pathNormalization: PathNormalization;
  /** In instruction order (the order of weights and of e3nn's summation). */
  readonly paths: readonly TpPath[];
  readonly weightNumel: number;
}

/** e3nn `FullyConnectedTensorProduct`: every (i1, i2, i_out) with ir_out ∈ ir1 ⊗ ir2, mode uvw, weighted. */
export function fullyConnectedInstructions(
  irreps1: Irreps | string,
  irreps2: Irreps | string,
  irrepsOut: Irreps | string,
): TpInstruction[] {
  const [a, b, o] = [new Irreps(irreps1), new Irreps(irreps2), new Irreps(irrepsOut)];
  const out: TpInstruction[] = [];
  a.blocks.forEach(({ ir: ir1 }, iIn1) => {
    b.blocks.forEach(({ ir: ir2 }, iIn2) => {
      const products = irrepProduct(ir1, ir2);
      o.blocks.forEach(({ ir }, iOut) => {
        if (products.some((p) => p.equals(ir))) out.push({ iIn1, iIn2, iOut, mode: 'uvw', hasWeight: true });
      });
    });
  });
  return out;
}

/**
 * The channelwise ('uvu') product used by NequIP/MACE convolutions (and by tp.json's uvu cases):
 * for each i1, i2 and each ir_out ∈ ir1 ⊗ ir2 with l ≤ lmaxOut (ascending l), one output block
 * mul1 × ir_out and one weighted uvu instruction. Returns the output irreps in that order.
 */
export function channelwiseInstructions(
  irreps1: Irreps | string,
  irreps2: Irreps | string,
  lmaxOut: number,
): { irrepsOut: Irreps; instructions: TpInstruction[] } {
  const [a, b] = [new Irreps(irreps1), new Irreps(irreps2)];
  const blocks: [number, Irrep][] = [];
  const instructions: TpInstruction[] = [];
  a.blocks.forEach(({ mul, ir: ir1 }, iIn1) => {
    b.blocks.forEach(({ ir: ir2 }, iIn2) => {
      for (const ir of irrepProduct(ir1, ir2)) {
        if (ir.l > lmaxOut) continue;
        instructions.push({ iIn1, iIn2, iOut: blocks.length, mode: 'uvu', hasWeight: true });
        blocks.push([mul, ir]);
      }
    });
  });
  return { irrepsOut: new Irreps(blocks), instructions };
}

/** Resolves instructions like e3nn's `TensorProduct.__init__`, validating what e3nn asserts. */
export function makeTpPlan(
  irreps1: Irreps | string,
  irreps2: Irreps | string,
  irrepsOut: Irreps | string,
  instructions: readonly TpInstruction[],
  options: TpOptions = {},
): TpPlan {
  const irrepsIn1 = new Irreps(irreps1);
  const irrepsIn2 = new Irreps(irreps2);
  const out = new Irreps(irrepsOut);
  const irrepNormalization = options.irrepNormalization ?? 'component';
  const pathNormalization = options.pathNormalization ?? 'element';
  const in1Var = variances(options.in1Var, irrepsIn1, 'in1Var');
  const in2Var = variances(options.in2Var, irrepsIn2, 'in2Var');
  const outVar = variances(options.outVar, out, 'outVar');
  instructions.forEach((ins, n) => {
    validateInstruction(ins, n, irrepsIn1, irrepsIn2, out);
  });

  const numElements = (ins: TpInstruction): number => {
    const [m1, m2] = [irrepsIn1.blocks[ins.iIn1].mul, irrepsIn2.blocks[ins.iIn2].mul];
    return { uvw: m1 * m2, uvu: m2, uvv: m1, uuw: m1, uuu: 1 }[ins.mode];
  };
  const fanIn = (ins: TpInstruction): number => in1Var[ins.iIn1] * in2Var[ins.iIn2] * numElements(ins);
  const sameOutput = (ins: TpInstruction) => instructions.filter((i) => i.iOut === ins.iOut);

  const slices1 = irrepsIn1.slices();
  const slices2 = irrepsIn2.slices();
  const slicesOut = out.slices();
  let weightOffset = 0;
  const paths = instructions.map((ins): TpPath => {
    const b1 = irrepsIn1.blocks[ins.iIn1];
    const b2 = irrepsIn2.blocks[ins.iIn2];
    const bo = out.blocks[ins.iOut];
    let alpha = { component: bo.ir.dim, norm: b1.ir.dim * b2.ir.dim, none: 1 }[irrepNormalization];
    let x = 1;
    if (pathNormalization === 'element') x = sameOutput(ins).reduce((s, i) => s + fanIn(i), 0);
    if (pathNormalization === 'path') x = fanIn(ins) * sameOutput(ins).length;
    if (x > 0) alpha /= x;
    // e3nn multiplies the instruction's own path_weight into α *before* the square root.
    alpha *= outVar[ins.iOut] * (ins.pathWeight ?? 1);
    const weightShape = {
      uvw: [b1.mul, b2.mul, bo.mul],
      uvu: [b1.mul, b2.mul],
      uvv: [b1.mul, b2.mul],
      uuw: [b1.mul, bo.mul],
      uuu: [b1.mul],
    }[ins.mode];
    const weightNumel = ins.hasWeight ? weightShape.reduce((p, n) => p * n, 1) : 0;
    const path: TpPath = {
      iIn1: ins.iIn1,
      iIn2: ins.iIn2,
      iOut: ins.iOut,
      mode: ins.mode,
      hasWeight: ins.hasWeight,
      l1: b1.ir.l,
      l2: b2.ir.l,
      lOut: bo.ir.l,
      mul1: b1.mul,
      mul2: b2.mul,
      mulOut: bo.mul,
      offset1: slices1[ins.iIn1].start,
      offset2: slices2[ins.iIn2].start,
      offsetOut: slicesOut[ins.iOut].start,
      pathWeight: Math.sqrt(alpha),
      weightShape,
      weightOffset,
      weightNumel,
    };
    weightOffset += weightNumel;
    return path;
  });
  return {
    irrepsIn1,
    irrepsIn2,
    irrepsOut: out,
    irrepNormalization,
    pathNormalization,
    paths,
    weightNumel: weightOffset,
  };
}

/** Convenience: the plan of e3nn's FullyConnectedTensorProduct. */
export function fullyConnectedTpPlan(
  irreps1: Irreps | string,
  irreps2: Irreps | string,
  irrepsOut: Irreps | string,
  options: TpOptions = {},
): TpPlan {
  return makeTpPlan(
    irreps1,
    irreps2,
    irrepsOut,
    fullyConnectedInstructions(irreps1, irreps2, irrepsOut),
    options,
  );
}

function variances(given: readonly number[] | undefined, irreps: Irreps, name: string): number[] {
  if (given === undefined) return irreps.blocks.map(() => 1);
  if (given.length !== irreps.length) {
    throw new RangeError(
      `${name}: need one variance per irreps block (${irreps.length}), got ${given.length}`,
    );
  }
  return [...given];
}

function validateInstruction(ins: TpInstruction, n: number, in1: Irreps, in2: Irreps, out: Irreps): void {
  const where = `tensor product instruction ${n} (${ins.iIn1}, ${ins.iIn2}, ${ins.iOut}, '${ins.mode}')`;
  const check = (i: number, irreps: Irreps, name: string) => {
    if (!Number.isInteger(i) || i < 0 || i >= irreps.length) {
      throw new RangeError(
        `${where}: ${name} index ${i} is out of range for "${irreps}" (${irreps.length} blocks)`,
      );
    }
  };
  check(ins.iIn1, in1, 'input 1');
  check(ins.iIn2, in2, 'input 2');
  check(ins.iOut, out, 'output');
  if (!CONNECTION_MODES.includes(ins.mode)) {
    throw new RangeError(`${where}: unknown connection mode; supported: ${CONNECTION_MODES.join(', ')}`);
  }
  const [b1, b2, bo] = [in1.blocks[ins.iIn1], in2.blocks[ins.iIn2], out.blocks[ins.iOut]];
  if (b1.ir.p * b2.ir.p !== bo.ir.p) {
    throw new RangeError(`${where}: parity violated, ${b1.ir} ⊗ ${b2.ir} cannot give ${bo.ir}`);
  }
  if (bo.ir.l < Math.abs(b1.ir.l - b2.ir.l) || bo.ir.l > b1.ir.l + b2.ir.l) {
    throw new RangeError(
      `${where}: triangle rule violated, l_out = ${bo.ir.l} is outside [${Math.abs(b1.ir.l - b2.ir.l)}, ${b1.ir.l + b2.ir.l}]`,
    );
  }
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`${where}: ${what} (muls ${b1.mul}, ${b2.mul} → ${bo.mul})`);
  };
  if (ins.mode === 'uvw') need(ins.hasWeight, "mode 'uvw' needs weights (e3nn asserts has_weight)");
  if (ins.mode === 'uvu') need(b1.mul === bo.mul, "mode 'uvu' needs mul_in1 = mul_out");
  if (ins.mode === 'uvv') need(b2.mul === bo.mul, "mode 'uvv' needs mul_in2 = mul_out");
  if (ins.mode === 'uuw') {
    need(b1.mul === b2.mul, "mode 'uuw' needs mul_in1 = mul_in2");
    need(ins.hasWeight || bo.mul === 1, "mode 'uuw' without weights needs mul_out = 1");
  }
  if (ins.mode === 'uuu')
    need(b1.mul === b2.mul && b2.mul === bo.mul, "mode 'uuu' needs mul_in1 = mul_in2 = mul_out");
  if (ins.pathWeight !== undefined && !(Number.isFinite(ins.pathWeight) && ins.pathWeight >= 0)) {
    throw new RangeError(`${where}: pathWeight must be a finite number ≥ 0, got ${ins.pathWeight}`);
  }
}
