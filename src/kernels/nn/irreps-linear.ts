import linearSource from '../../../shaders/nn/irreps_linear.wgsl?raw';
import weightGradSource from '../../../shaders/nn/irreps_linear_weight_grad.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import type { Gpu } from '../../gpu/runtime';
import type { LinearPlan } from '../../o3/linear-instructions';
import type { Context } from '../../tensor/context';
import { Tensor } from '../../tensor/tensor';
import { packUniform } from './uniform';

export const IRREPS_LINEAR: KernelSpec = { label: 'nn irreps linear', code: linearSource, workgroupSize: 64 };
export const IRREPS_LINEAR_WEIGHT_GRAD: KernelSpec = {
  label: 'nn irreps linear weight grad',
  code: weightGradSource,
  workgroupSize: 64,
};

const NONE = 0xffffffff;
const f32Bits = (x: number) => new Uint32Array(Float32Array.of(x).buffer)[0];

/** Per output column: its terms (6 words each) and, for the forward, its bias parameter. */
interface ColumnTable {
  terms: Uint32Array;
  colStart: Uint32Array;
  bias: Uint32Array;
}

function columnTable(
  cols: number,
  termsOf: (j: number) => number[][],
  biasOf: (j: number) => number,
): ColumnTable {
  const terms: number[] = [];
  const colStart = new Uint32Array(cols + 1);
  const bias = new Uint32Array(cols);
  for (let j = 0; j < cols; j++) {
    for (const t of termsOf(j)) terms.push(...t);
    colStart[j + 1] = terms.length / 6;
    bias[j] = biasOf(j);
  }
  // A binding may not be empty: one unused padding term.
  return { terms: Uint32Array.from(terms.length ? terms : [0, 0, 0, 0, 0, 0]), colStart, bias };
}

/** Forward: output column (path block, copy w, component m) sums over u: x[inStart + u·d + m] · θ[offset + u·mulOut + w]. */
function forwardTable(plan: LinearPlan): ColumnTable {
  const into = plan.irrepsOut.blocks.map(() => [] as LinearPlan['paths'][number][]);
  for (const p of plan.paths) into[p.iOut].push(p);
  const blockOf = columnBlocks(plan.irrepsOut.slices().map((s) => s.stop));
  const biasOf = new Array<number>(plan.irrepsOut.dim).fill(NONE);
  for (const b of plan.biases) for (let w = 0; w < b.mul; w++) biasOf[b.outStart + w] = b.offset + w;
  return columnTable(
    plan.irrepsOut.dim,
    (j) =>
      into[blockOf(j)].map((p) => {
        const w = Math.floor((j - p.outStart) / p.dim);
        const m = (j - p.outStart) % p.dim;
        return [p.inStart + m, p.dim, p.mulIn, p.weightOffset + w, p.mulOut, f32Bits(p.pathWeight)];
      }),
    (j) => biasOf[j],
  );
}

/** Input gradient: input column (block, copy u, m) sums over w: gy[outStart + w·d + m] · θ[offset + u·mulOut + w]. */
function gradXTable(plan: LinearPlan): ColumnTable {
  const from = plan.irrepsIn.blocks.map(() => [] as LinearPlan['paths'][number][]);
  for (const p of plan.paths) from[p.iIn].push(p);
  const blockOf = columnBlocks(plan.irrepsIn.slices().map((s) => s.stop));
  return columnTable(
    plan.irrepsIn.dim,
    (i) =>
      from[blockOf(i)].map((p) => {
        const u = Math.floor((i - p.inStart) / p.dim);
        const m = (i - p.inStart) % p.dim;
        return [p.outStart + m, p.dim, p.mulOut, p.weightOffset + u * p.mulOut, 1, f32Bits(p.pathWeight)];
      }),
    () => NONE,
  );
}

/** Column → block index, from the blocks' end columns. */
function columnBlocks(stops: number[]): (column: number) => number {
  return (column) => stops.findIndex((stop) => column < stop);
}

/** Per parameter: x and gy column bases, the component count and the path weight (biases: x_base = NONE). */
function weightGradTable(plan: LinearPlan): Uint32Array {
  const table = new Uint32Array(4 * Math.max(1, plan.numParams));
  for (const p of plan.paths) {
    for (let u = 0; u < p.mulIn; u++) {
      for (let w = 0; w < p.mulOut; w++) {
        const e = p.weightOffset + u * p.mulOut + w;
        table.set([p.inStart + u * p.dim, p.outStart + w * p.dim, p.dim, f32Bits(p.pathWeight)], 4 * e);
      }
    }
  }
  for (const b of plan.biases)
    for (let w = 0; w < b.mul; w++) table.set([NONE, b.outStart + w, 1, f32Bits(1)], 4 * (b.offset + w));
  return table;
}

interface DeviceTables {
  forward: { terms: Tensor; colStart: Tensor; bias: Tensor };
  gradX: { terms: Tensor; colStart: Tensor; bias: Tensor };
  weightGrad: Tensor;
}

/**
 * A LinearPlan with its kernel tables: built on the CPU at construction, uploaded on first use on
 * a device (like BlockLayout) and kept until `dispose()`.
 */
export class IrrepsLinearTables {
  private readonly host: { forward: ColumnTable; gradX: ColumnTable; weightGrad: Uint32Array };
  private onDevice: { gpu: Gpu; tables: DeviceTables } | null = null;

  constructor(readonly plan: LinearPlan) {
    this.host = { forward: forwardTable(plan), gradX: gradXTable(plan), weightGrad: weightGradTable(plan) };
  }

  /** The device tables, marked as used by `ctx`'s batch. */
  bind(ctx: Context): DeviceTables {
    if (this.onDevice && this.onDevice.gpu !== ctx.gpu)
      throw new Error('IrrepsLinearTables are on another device');
    if (!this.onDevice) {
      const u32 = (data: Uint32Array, label: string) =>
        Tensor.from(ctx.gpu, data, [data.length], { dtype: 'u32', label });
      const columns = (t: ColumnTable, what: string) => ({
        terms: u32(t.terms, `linear ${what} terms`),
        colStart: u32(t.colStart, `linear ${what} columns`),
        bias: u32(t.bias, `linear ${what} bias`),
      });
      this.onDevice = {
        gpu: ctx.gpu,
        tables: {
          forward: columns(this.host.forward, 'forward'),
          gradX: columns(this.host.gradX, 'grad x'),
          weightGrad: u32(this.host.weightGrad, 'linear weight grad'),
        },
      };
    }
    const t = this.onDevice.tables;
    ctx.use(...Object.values(t.forward), ...Object.values(t.gradX), t.weightGrad);
    return t;
  }

  dispose(): void {
    if (!this.onDevice) return;
    const t = this.onDevice.tables;
    for (const x of [...Object.values(t.forward), ...Object.values(t.gradX), t.weightGrad]) x.dispose();
    this.onDevice = null;
  }
}

/** out [rows, cols] ← the column sums of `table` over src [rows, srcCols] and θ (biases when hasBias). */
export function encodeLinearApply(
  batch: Batch,
  table: DeviceTables['forward'],
  shape: { rows: number; cols: number; srcCols: number; hasBias: boolean },
  src: GPUBuffer,
  theta: GPUBuffer,
  out: GPUBuffer,
): void {
  const params = packUniform([shape.rows, shape.cols, shape.srcCols, shape.hasBias ? 1 : 0]);
  const bindings = [
    batch.uniform(IRREPS_LINEAR.label, params),
    table.terms.buffer,
    table.colStart.buffer,
    table.bias.buffer,
    src,
    theta,
    out,
  ];
  batch.dispatch(IRREPS_LINEAR, bindings, shape.rows * shape.cols);
}

/** grad [numParams] ← Σ over rows of x [rows, xCols] and gy [rows, gyCols] per the weight-gradient table. */
export function encodeLinearWeightGrad(
  batch: Batch,
  table: Tensor,
  shape: { rows: number; params: number; xCols: number; gyCols: number },
  x: GPUBuffer,
  gy: GPUBuffer,
  grad: GPUBuffer,
): void {
  const params = packUniform([shape.rows, shape.params, shape.xCols, shape.gyCols]);
  const bindings = [batch.uniform(IRREPS_LINEAR_WEIGHT_GRAD.label, params), table.buffer, x, gy, grad];
  batch.dispatch(IRREPS_LINEAR_WEIGHT_GRAD, bindings, shape.params);
}
