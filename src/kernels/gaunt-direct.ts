// Gaunt product by the sparse Gaunt sum (shaders/gaunt/direct.wgsl). The forward table couples
// (x1: L1, x2: L2) → Lout. The backward reuses the same shader: G is symmetric in its three (l, m)
// pairs, so gradX1 = Gaunt(gradOut, x2) projected to degree ≤ L1 and gradX2 = Gaunt(gradOut, x1) to
// degree ≤ L2 — two more dispatches with the tables of those degrees. Float64 twin:
// src/reference/gaunt.ts (gauntDirect, gauntDirectBackward).

import directSource from '../../shaders/gaunt/direct.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';
import { gauntTable } from '../o3/gaunt';
import { coefficientCount, e3nnOffsets } from '../o3/gaunt-layout';
import {
  checkDims,
  type GauntDims,
  type GauntProductKernel,
  runGauntBackward,
  runGauntForward,
  withKernel,
} from './gaunt-common';

export const GAUNT_DIRECT: KernelSpec = { label: 'gaunt direct', code: directSource, workgroupSize: 64 };

/** One sparse product a (degree La) × b (Lb) → c (Lc), uploaded: entries, CSR rows, output places. */
interface DeviceTable {
  La: number;
  Lb: number;
  Lc: number;
  entries: GPUBuffer;
  rowStart: GPUBuffer;
  outPlace: GPUBuffer;
}

function uploadTable(gpu: Gpu, channels: number, La: number, Lb: number, Lc: number): DeviceTable {
  const table = gauntTable(La, Lb, Lc);
  const [pa, pb, pc] = [La, Lb, Lc].map((lmax) => e3nnOffsets({ channels, lmax }));
  const words = new Uint32Array(4 * Math.max(1, table.nnz));
  const values = new Float32Array(words.buffer);
  for (let k = 0; k < table.nnz; k++) {
    const [i1, i2] = [table.i1[k], table.i2[k]];
    words[4 * k] = pa.offset[i1];
    words[4 * k + 1] = pb.offset[i2];
    words[4 * k + 2] = pa.stride[i1] | (pb.stride[i2] << 16);
    values[4 * k + 3] = table.value[k];
  }
  const outPlace = new Uint32Array(2 * coefficientCount(Lc));
  for (let i = 0; i < coefficientCount(Lc); i++) {
    outPlace[2 * i] = pc.offset[i];
    outPlace[2 * i + 1] = pc.stride[i];
  }
  const label = `gaunt direct ${La}x${Lb}->${Lc}`;
  return {
    La,
    Lb,
    Lc,
    entries: gpu.storage(`${label} entries`, words),
    rowStart: gpu.storage(`${label} rows`, table.rowStart),
    outPlace: gpu.storage(`${label} places`, outPlace),
  };
}

export class GauntDirectKernel implements GauntProductKernel {
  private readonly forward: DeviceTable;
  private readonly toGradX1: DeviceTable;
  private readonly toGradX2: DeviceTable;

  constructor(
    private readonly gpu: Gpu,
    readonly dims: GauntDims,
  ) {
    checkDims(dims);
    const { L1, L2, Lout, channels } = dims;
    this.forward = uploadTable(gpu, channels, L1, L2, Lout);
    this.toGradX1 = uploadTable(gpu, channels, Lout, L2, L1);
    this.toGradX2 = uploadTable(gpu, channels, Lout, L1, L2);
  }

  private encode(
    batch: Batch,
    t: DeviceTable,
    a: GPUBuffer,
    b: GPUBuffer,
    c: GPUBuffer,
    batchSize: number,
  ): void {
    const C = this.dims.channels;
    const rows = batchSize * C;
    const rowGroups = Math.ceil(rows / 4); // 4 rows (sample, channel) per invocation
    const outputs = coefficientCount(t.Lc);
    const params = new Uint32Array([
      rowGroups,
      outputs,
      rows,
      C,
      C * coefficientCount(t.La),
      C * coefficientCount(t.Lb),
      C * outputs,
    ]);
    const bindings = [
      batch.uniform('gaunt direct params', params),
      t.entries,
      t.rowStart,
      t.outPlace,
      a,
      b,
      c,
    ];
    batch.dispatch(GAUNT_DIRECT, bindings, rowGroups * outputs);
  }

  encodeForward(batch: Batch, x1: GPUBuffer, x2: GPUBuffer, out: GPUBuffer, batchSize: number): void {
    this.encode(batch, this.forward, x1, x2, out, batchSize);
  }

  encodeBackward(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    gradOut: GPUBuffer,
    gradX1: GPUBuffer,
    gradX2: GPUBuffer,
    batchSize: number,
  ): void {
    this.encode(batch, this.toGradX1, gradOut, x2, gradX1, batchSize);
    this.encode(batch, this.toGradX2, gradOut, x1, gradX2, batchSize);
  }

  dispose(): void {
    for (const t of [this.forward, this.toGradX1, this.toGradX2]) {
      for (const buffer of [t.entries, t.rowStart, t.outPlace]) this.gpu.destroyBuffer(buffer);
    }
  }
}

/**
 * FLOPs per sample: 3 per Gaunt non-zero and channel (G·a, then one FMA). The backward's two
 * tables have the same non-zeros as the forward's (the same triples with roles permuted).
 */
export function gauntDirectFlops(d: GauntDims): { forward: number; backward: number } {
  const nnz = (La: number, Lb: number, Lc: number) => gauntTable(La, Lb, Lc).nnz;
  return {
    forward: 3 * d.channels * nnz(d.L1, d.L2, d.Lout),
    backward: 3 * d.channels * (nnz(d.Lout, d.L2, d.L1) + nnz(d.Lout, d.L1, d.L2)),
  };
}

/** One-shot forward: uploads, runs, reads back and frees (tables included). */
export async function gauntDirectOnGpu(
  gpu: Gpu,
  dims: GauntDims,
  x1: Float32Array,
  x2: Float32Array,
  batchSize: number,
): Promise<Float32Array> {
  return withKernel(new GauntDirectKernel(gpu, dims), (k) => runGauntForward(gpu, k, x1, x2, batchSize));
}

/** One-shot backward: gradients of Σ gradOut · Gaunt(x1, x2) w.r.t. x1 and x2. */
export async function gauntDirectBackwardOnGpu(
  gpu: Gpu,
  dims: GauntDims,
  x1: Float32Array,
  x2: Float32Array,
  gradOut: Float32Array,
  batchSize: number,
): Promise<{ gradX1: Float32Array; gradX2: Float32Array }> {
  return withKernel(new GauntDirectKernel(gpu, dims), (k) =>
    runGauntBackward(gpu, k, x1, x2, gradOut, batchSize),
  );
}
