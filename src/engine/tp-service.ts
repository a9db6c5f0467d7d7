import type { Gpu } from '../gpu/runtime';
import { type GauntDims, runGauntForward, withKernel } from '../kernels/gaunt-common';
import { GauntDirectKernel } from '../kernels/gaunt-direct';
import { GauntFftKernel } from '../kernels/gaunt-fft';
import { GauntGridKernel } from '../kernels/gaunt-grid';
import { cgTensorProductOnGpu } from '../kernels/tensor-product';
import { parseSignalIrreps } from '../o3/gaunt-layout';
import { Irreps } from '../o3/irreps';
import {
  CONNECTION_MODES,
  type ConnectionMode,
  fullyConnectedInstructions,
  type IrrepNormalization,
  makeTpPlan,
  type PathNormalization,
  type TpInstruction,
  type TpPlan,
} from '../o3/tp-instructions';
import { gauntDirect, gauntGrid } from '../reference/gaunt';
import { gauntFft } from '../reference/gaunt-fft';
import { tensorProduct } from '../reference/tensor-product';
import { InputError } from './sh-service';
import type { Backend } from './types';

export const TP_METHODS = ['cg', 'gaunt-direct', 'gaunt-fft', 'gaunt-grid'] as const;
export type TpMethod = (typeof TP_METHODS)[number];

export interface TpRequest {
  method: TpMethod;
  irrepsIn1: string;
  irrepsIn2: string;
  irrepsOut: string;
  /** CG only: e3nn instruction tuples; default: fully connected uvw. */
  instructions?: [number, number, number, ConnectionMode, boolean][];
  irrepNormalization?: IrrepNormalization;
  pathNormalization?: PathNormalization;
  /** CG only: flat weights (shared) or batch × weightNumel (per sample), e3nn order. */
  weights?: Float64Array;
  weightsPerSample?: boolean;
  /** batch × dim, e3nn layout. */
  x1: Float64Array;
  x2: Float64Array;
  batch: number;
  backend: Backend;
}

export interface TpResult {
  irrepsOut: string;
  dim: number;
  out: Float64Array;
}

function parseIrreps(text: string, field: string): Irreps {
  try {
    return Irreps.parse(text);
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
}

function checkRows(x: Float64Array, batch: number, dim: number, field: string): void {
  if (x.length !== batch * dim)
    throw new InputError(`${field} rows must have ${dim} values (the irreps' dim)`);
  const bad = x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new InputError(`${field} has a non-finite value in row ${Math.floor(bad / dim)}`);
}

export function cgPlanOf(r: TpRequest): TpPlan {
  const [a, b, o] = [
    parseIrreps(r.irrepsIn1, 'irreps_in1'),
    parseIrreps(r.irrepsIn2, 'irreps_in2'),
    parseIrreps(r.irrepsOut, 'irreps_out'),
  ];
  const instructions: TpInstruction[] = r.instructions
    ? r.instructions.map(([iIn1, iIn2, iOut, mode, hasWeight], n) => {
        if (!CONNECTION_MODES.includes(mode))
          throw new InputError(`instruction ${n}: unknown mode "${mode}"`);
        return { iIn1, iIn2, iOut, mode, hasWeight };
      })
    : fullyConnectedInstructions(a, b, o);
  try {
    return makeTpPlan(a, b, o, instructions, {
      irrepNormalization: r.irrepNormalization,
      pathNormalization: r.pathNormalization,
    });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

async function runCg(r: TpRequest, gpu: () => Promise<Gpu>): Promise<TpResult> {
  const plan = cgPlanOf(r);
  checkRows(r.x1, r.batch, plan.irrepsIn1.dim, 'x1');
  checkRows(r.x2, r.batch, plan.irrepsIn2.dim, 'x2');
  const shared = !r.weightsPerSample;
  const weights = r.weights ?? new Float64Array(0);
  const want = (shared ? 1 : r.batch) * plan.weightNumel;
  if (weights.length !== want) {
    throw new InputError(
      `weights: expected ${plan.weightNumel} values${shared ? '' : ' per row'} in e3nn order, got ${shared ? weights.length : `${weights.length / Math.max(r.batch, 1)} per row`}`,
    );
  }
  const out =
    r.backend === 'cpu'
      ? tensorProduct(plan, r.x1, r.x2, weights, r.batch, shared)
      : Float64Array.from(
          await cgTensorProductOnGpu(
            await gpu(),
            plan,
            new Float32Array(r.x1),
            new Float32Array(r.x2),
            new Float32Array(weights),
            r.batch,
            shared,
          ),
        );
  return { irrepsOut: plan.irrepsOut.toString(), dim: plan.irrepsOut.dim, out };
}

function gauntDimsOf(r: TpRequest): GauntDims {
  const shapes = [r.irrepsIn1, r.irrepsIn2, r.irrepsOut].map((text, i) => {
    try {
      return parseSignalIrreps(text);
    } catch (e) {
      throw new InputError(`${['irreps_in1', 'irreps_in2', 'irreps_out'][i]}: ${(e as Error).message}`);
    }
  });
  if (shapes.some((s) => s.channels !== shapes[0].channels)) {
    throw new InputError('Gaunt products are channelwise: all three irreps need the same multiplicity');
  }
  if (r.instructions || r.weights)
    throw new InputError(`"instructions" and "weights" apply to method cg only`);
  return { L1: shapes[0].lmax, L2: shapes[1].lmax, Lout: shapes[2].lmax, channels: shapes[0].channels };
}

const gauntKernels = {
  'gaunt-direct': GauntDirectKernel,
  'gaunt-fft': GauntFftKernel,
  'gaunt-grid': GauntGridKernel,
};

async function runGaunt(r: TpRequest, gpu: () => Promise<Gpu>): Promise<TpResult> {
  const d = gauntDimsOf(r);
  const out = Irreps.parse(r.irrepsOut);
  checkRows(r.x1, r.batch, Irreps.parse(r.irrepsIn1).dim, 'x1');
  checkRows(r.x2, r.batch, Irreps.parse(r.irrepsIn2).dim, 'x2');
  let values: Float64Array;
  if (r.backend === 'cpu') {
    if (r.method === 'gaunt-fft') values = gauntFft(d, r.x1, r.x2, r.batch);
    else
      values = (r.method === 'gaunt-grid' ? gauntGrid : gauntDirect)(
        d.L1,
        d.L2,
        d.Lout,
        d.channels,
        r.x1,
        r.x2,
        r.batch,
      );
  } else {
    const device = await gpu();
    const kernel = new gauntKernels[r.method as keyof typeof gauntKernels](device, d);
    const x = [new Float32Array(r.x1), new Float32Array(r.x2)];
    values = Float64Array.from(
      await withKernel(kernel, (k) => runGauntForward(device, k, x[0], x[1], r.batch)),
    );
  }
  return { irrepsOut: out.toString(), dim: out.dim, out: values };
}

/** One tensor product of a batch, by the named method, on the GPU kernel or its float64 twin. */
export function tensorProductOf(r: TpRequest, gpu: () => Promise<Gpu>): Promise<TpResult> {
  if (!TP_METHODS.includes(r.method)) throw new InputError(`method must be one of ${TP_METHODS.join(', ')}`);
  return r.method === 'cg' ? runCg(r, gpu) : runGaunt(r, gpu);
}
