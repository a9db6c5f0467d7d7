import type { Gpu } from '../gpu/runtime';
import { type GauntDims, runGauntForward } from '../kernels/gaunt-common';
import { GauntDirectKernel } from '../kernels/gaunt-direct';
import { GauntFftKernel } from '../kernels/gaunt-fft';
import { GauntGridKernel } from '../kernels/gaunt-grid';
import { cgTensorProductOnGpu } from '../kernels/tensor-product';
import { e3nnIndex, signalDim } from '../o3/gaunt-layout';
import { Irrep, Irreps } from '../o3/irreps';
import { fullyConnectedInstructions, makeTpPlan } from '../o3/tp-instructions';
import { Rng } from '../util/random';
import { InputError } from './sh-service';

export const EXPRESSIVITY_METHODS = ['cg', 'gaunt-direct', 'gaunt-fft', 'gaunt-grid'] as const;
export type ExpressivityMethod = (typeof EXPRESSIVITY_METHODS)[number];

/** Output blocks whose norm (relative to the inputs') is below this are "not produced". */
export const REACHABLE_THRESHOLD = 1e-4;

export interface ExpressivityCell {
  /** null: the method cannot even represent this output (Gaunt outputs have parity (−1)^l). */
  reachable: boolean | null;
  /** ‖output block‖ / (‖x1‖‖x2‖) measured on the GPU, or null when not applicable. */
  relativeNorm: number | null;
}

export interface ExpressivityRow {
  irrep: string;
  /** l1 + l2 + l_out parity: Gaunt coefficients vanish for odd sums. */
  pathParity: 'even' | 'odd';
  cells: Record<ExpressivityMethod, ExpressivityCell>;
}

export interface ExpressivityReport {
  irrep1: string;
  irrep2: string;
  /** Whether the inputs are spherical signals (parity (−1)^l), which the Gaunt routes require. */
  gauntApplicable: boolean;
  rows: ExpressivityRow[];
  threshold: number;
}

const SAMPLES = 4;

function parseIrrep(text: string, field: string): Irrep {
  try {
    const ir = Irrep.parse(text.trim());
    if (ir.l > 6) throw new Error('degree above 6 is not offered here');
    return ir;
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
}

function blockNorm(values: ArrayLike<number>, indices: (sample: number) => number[]): number {
  let s = 0;
  for (let z = 0; z < SAMPLES; z++) for (const i of indices(z)) s += values[i] ** 2;
  return Math.sqrt(s);
}

function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] ** 2;
  return Math.sqrt(s);
}

/** The "interactability" table: which outputs each product can make from ir1 ⊗ ir2, measured by running the kernels. */
export async function expressivityOf(
  irrep1: string,
  irrep2: string,
  gpu: Gpu,
  seed = 1,
): Promise<ExpressivityReport> {
  const [a, b] = [parseIrrep(irrep1, 'first input'), parseIrrep(irrep2, 'second input')];
  const rng = new Rng(seed);
  const candidates: Irrep[] = [];
  for (let l = Math.abs(a.l - b.l); l <= a.l + b.l; l++) candidates.push(new Irrep(l, 1), new Irrep(l, -1));
  const outIrreps = new Irreps(candidates.map((ir) => [1, ir] as [number, Irrep]));
  const inputs = [new Irreps([[1, a]]), new Irreps([[1, b]])];

  // CG: e3nn's fully connected product onto every candidate; blocks without a path stay zero.
  const plan = makeTpPlan(
    inputs[0],
    inputs[1],
    outIrreps,
    fullyConnectedInstructions(inputs[0], inputs[1], outIrreps),
  );
  const x1 = Float32Array.from(rng.normals(SAMPLES * a.dim));
  const x2 = Float32Array.from(rng.normals(SAMPLES * b.dim));
  const w = Float32Array.from(rng.normals(plan.weightNumel));
  const cgOut = await cgTensorProductOnGpu(gpu, plan, x1, x2, w, SAMPLES, true);
  const scale = norm(x1) * norm(x2);
  const slices = outIrreps.slices();
  const cgNorms = candidates.map(
    (_, k) =>
      blockNorm(cgOut, (z) =>
        Array.from(
          { length: slices[k].stop - slices[k].start },
          (_, i) => z * outIrreps.dim + slices[k].start + i,
        ),
      ) / scale,
  );

  const gauntApplicable = a.p === (a.l % 2 ? -1 : 1) && b.p === (b.l % 2 ? -1 : 1);
  const gauntNorms: Partial<Record<ExpressivityMethod, number[]>> = {};
  if (gauntApplicable) {
    const dims: GauntDims = { L1: a.l, L2: b.l, Lout: a.l + b.l, channels: 1 };
    // Signals holding only degree l1 (resp. l2), with the same coefficients as the CG inputs.
    const signal = (x: Float32Array, L: number) => {
      const out = new Float32Array(SAMPLES * signalDim({ channels: 1, lmax: L }));
      for (let z = 0; z < SAMPLES; z++)
        for (let m = 0; m <= 2 * L; m++)
          out[z * (L + 1) ** 2 + e3nnIndex(1, L, 0, m - L)] = x[z * (2 * L + 1) + m];
      return out;
    };
    const [s1, s2] = [signal(x1, a.l), signal(x2, b.l)];
    const kernels = {
      'gaunt-direct': GauntDirectKernel,
      'gaunt-fft': GauntFftKernel,
      'gaunt-grid': GauntGridKernel,
    };
    for (const [method, Kernel] of Object.entries(kernels) as [
      keyof typeof kernels,
      (typeof kernels)[keyof typeof kernels],
    ][]) {
      const kernel = new Kernel(gpu, dims);
      try {
        const out = await runGauntForward(gpu, kernel, s1, s2, SAMPLES);
        const dimOut = (dims.Lout + 1) ** 2;
        gauntNorms[method] = candidates.map(
          (ir) =>
            blockNorm(out, (z) =>
              Array.from({ length: ir.dim }, (_, m) => z * dimOut + e3nnIndex(1, ir.l, 0, m - ir.l)),
            ) / scale,
        );
      } finally {
        kernel.dispose();
      }
    }
  }

  const rows = candidates.map((ir, k): ExpressivityRow => {
    const cell = (relativeNorm: number): ExpressivityCell => ({
      reachable: relativeNorm > REACHABLE_THRESHOLD,
      relativeNorm,
    });
    const gauntCell = (method: ExpressivityMethod): ExpressivityCell => {
      const representable = ir.p === (ir.l % 2 ? -1 : 1);
      if (!gauntApplicable || !representable)
        return { reachable: gauntApplicable ? false : null, relativeNorm: null };
      return cell(gauntNorms[method]![k]);
    };
    return {
      irrep: ir.toString(),
      pathParity: (a.l + b.l + ir.l) % 2 === 0 ? 'even' : 'odd',
      cells: {
        cg: cell(cgNorms[k]),
        'gaunt-direct': gauntCell('gaunt-direct'),
        'gaunt-fft': gauntCell('gaunt-fft'),
        'gaunt-grid': gauntCell('gaunt-grid'),
      },
    };
  });
  return {
    irrep1: a.toString(),
    irrep2: b.toString(),
    gauntApplicable,
    rows,
    threshold: REACHABLE_THRESHOLD,
  };
}
