import {
  encodeGate,
  encodeGateBackward,
  type GateActivation,
  type GateInput,
  type GateOutput,
  GateTables,
} from '../kernels/nn/gate';
import { Irrep, Irreps } from '../o3/irreps';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, host, normalHost, type OpDef } from './op';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const FN: Record<GateActivation, (z: number) => number> = {
  silu: (z) => z * sigmoid(z),
  sigmoid,
  tanh: Math.tanh,
};
const DERIVATIVE: Record<GateActivation, (z: number) => number> = {
  silu: (z) => sigmoid(z) * (1 + z * (1 - sigmoid(z))),
  sigmoid: (z) => sigmoid(z) * (1 - sigmoid(z)),
  tanh: (z) => 1 - Math.tanh(z) ** 2,
};

/**
 * e3nn's `normalize2mom`: the factor c with E[(c·f(z))²] = 1 for z ~ N(0, 1), so activations keep
 * unit second moments through a deep network. By quadrature (negligible past |z| = 12).
 */
export function secondMomentNormalizer(f: (z: number) => number): number {
  const h = 1e-3;
  let s = 0;
  for (let z = -12; z <= 12; z += h) s += f(z) ** 2 * Math.exp((-z * z) / 2);
  return 1 / Math.sqrt((s * h) / Math.sqrt(2 * Math.PI));
}

export const NORMALIZER: Record<GateActivation, number> = {
  silu: secondMomentNormalizer(FN.silu),
  sigmoid: secondMomentNormalizer(FN.sigmoid),
  tanh: secondMomentNormalizer(FN.tanh),
};

/**
 * The layout of e3nn's Gate for output irreps "scalars + non-scalars" (scalars first): input
 * [scalars, gates (one 0e per gated copy), gated], output [act(scalars), gated·σ(gates)], with
 * SiLU on 0e scalars, tanh (odd, so parity is kept) on 0o scalars, sigmoid on the gates, all
 * normalised to unit second moment. Holds the GPU column tables.
 */
export class GatePlan extends GateTables {
  readonly irrepsIn: Irreps;
  readonly irrepsOut: Irreps;

  constructor(irrepsOut: Irreps | string) {
    const out = new Irreps(irrepsOut);
    const blocks = out.blocks.filter((b) => b.mul > 0);
    const firstGated = blocks.findIndex((b) => b.ir.l > 0);
    const scalars = firstGated < 0 ? blocks : blocks.slice(0, firstGated);
    const gated = firstGated < 0 ? [] : blocks.slice(firstGated);
    if (gated.some((b) => b.ir.l === 0))
      throw new RangeError(`Gate: scalars must come before non-scalars in ${out}`);
    const numScalars = scalars.reduce((s, b) => s + b.mul, 0);
    const numGates = gated.reduce((s, b) => s + b.mul, 0);
    const outputs: GateOutput[] = [];
    const inputs: GateInput[] = [];
    for (const { mul, ir } of scalars) {
      const act: GateActivation = ir.p === 1 ? 'silu' : 'tanh';
      for (let u = 0; u < mul; u++) {
        inputs.push({ kind: 0, a: outputs.length, b: 0, len: 0, act, c: NORMALIZER[act] });
        outputs.push({ src: outputs.length, act, gate: -1, c: NORMALIZER[act] });
      }
    }
    // Gate k scales gated copy k, whose components follow the scalars in the output and the gates in the input.
    const c = NORMALIZER.sigmoid;
    let copy = 0;
    let outColumn = numScalars;
    const gatedInputs: GateInput[] = [];
    for (const { mul, ir } of gated) {
      for (let u = 0; u < mul; u++, copy++) {
        const gateColumn = numScalars + copy;
        const inStart = numScalars + numGates + (outColumn - numScalars);
        inputs.push({ kind: 1, a: outColumn, b: inStart, len: ir.dim, act: 'sigmoid', c });
        for (let m = 0; m < ir.dim; m++, outColumn++) {
          outputs.push({ src: inStart + m, act: 'sigmoid', gate: gateColumn, c });
          gatedInputs.push({ kind: 2, a: outColumn, b: gateColumn, len: 0, act: 'sigmoid', c });
        }
      }
    }
    super(outputs, [...inputs, ...gatedInputs]);
    const gates = numGates > 0 ? [{ mul: numGates, ir: new Irrep(0, 1) }] : [];
    this.irrepsIn = new Irreps([...scalars, ...gates, ...gated]);
    this.irrepsOut = new Irreps(blocks);
  }
}

export interface GateAttrs {
  readonly plan: GatePlan;
}

function rowsOf(plan: GatePlan, x: { shape: readonly number[] }): number {
  expectRank('gate', x, 2);
  if (x.shape[1] !== plan.irrepsIn.dim) throw new RangeError(`gate: input [${x.shape}] for ${plan.irrepsIn}`);
  return x.shape[0];
}

/** e3nn's gated nonlinearity (GatePlan) as one kernel each way: x [N, dim_in] → [N, dim_out]. */
export const gateOp: OpDef<GateAttrs> = {
  name: 'gated_nonlinearity',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x], { plan }) {
    expectF32('gate', x);
    const rows = rowsOf(plan, x);
    const out = ctx.alloc([rows, plan.irrepsOut.dim], 'gate');
    encodeGate(
      ctx.batch,
      plan.bind(ctx).forward,
      rows,
      plan.irrepsIn.dim,
      plan.irrepsOut.dim,
      x.buffer,
      out.buffer,
    );
    return out;
  },
  backward(ctx, { inputs: [x], attrs: { plan } }, gy) {
    const rows = rowsOf(plan, x);
    const gx = ctx.alloc(x.shape, 'gate grad');
    const table = plan.bind(ctx).backward;
    encodeGateBackward(
      ctx.batch,
      table,
      rows,
      plan.irrepsIn.dim,
      plan.irrepsOut.dim,
      x.buffer,
      gy.buffer,
      gx.buffer,
    );
    return [gx];
  },
  forward64([x], { plan }) {
    const rows = rowsOf(plan, x);
    const [dIn, dOut] = [plan.irrepsIn.dim, plan.irrepsOut.dim];
    const v = f64(x);
    const out = new Float64Array(rows * dOut);
    for (let r = 0; r < rows; r++) {
      plan.outputs.forEach((o, j) => {
        const src = v[r * dIn + o.src];
        out[r * dOut + j] = o.gate < 0 ? o.c * FN[o.act](src) : src * o.c * FN[o.act](v[r * dIn + o.gate]);
      });
    }
    return host(out, [rows, dOut]);
  },
  backward64([x], { plan }, gy) {
    const rows = rowsOf(plan, x);
    const [dIn, dOut] = [plan.irrepsIn.dim, plan.irrepsOut.dim];
    const v = f64(x);
    const gx = new Float64Array(rows * dIn);
    for (let r = 0; r < rows; r++) {
      plan.inputs.forEach((t, i) => {
        const [a, b, xi] = [r * dOut + t.a, r * dIn + t.b, v[r * dIn + i]];
        if (t.kind === 0) gx[r * dIn + i] = gy[a] * t.c * DERIVATIVE[t.act](xi);
        else if (t.kind === 2) gx[r * dIn + i] = gy[a] * t.c * FN[t.act](v[b]);
        else {
          let s = 0;
          for (let k = 0; k < t.len; k++) s += gy[a + k] * v[b + k];
          gx[r * dIn + i] = t.c * DERIVATIVE[t.act](xi) * s;
        }
      });
    }
    return [gx];
  },
  cases: (rng) =>
    [
      ['2x0e + 1x0o + 2x1o + 1x1e + 1x2e', 9],
      ['3x0e + 2x0o', 5],
      ['2x1o + 1x2e', 4],
    ].map(([irreps, rows]) => {
      const plan = new GatePlan(irreps as string);
      return {
        label: `${irreps}, ${rows} rows`,
        inputs: [normalHost(rng, [rows as number, plan.irrepsIn.dim])],
        attrs: { plan },
      };
    }),
};

/** Gated nonlinearity of x [N, plan.irrepsIn.dim] → [N, plan.irrepsOut.dim]. */
export const gatedNonlinearity = (ctx: Context, x: Tensor, plan: GatePlan): Tensor =>
  apply(ctx, gateOp, [x], { plan });
