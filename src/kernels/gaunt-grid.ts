// Gaunt product on the S2 grid (Price of Freedom, ICML 2025): shaders/s2grid/to-grid-product.wgsl
// maps both signals to the smallest exact Gauss–Legendre × uniform grid and multiplies them
// pointwise; shaders/s2grid/from-grid.wgsl integrates the product against the weighted SH table.
// Tables are built in float64 (src/o3/s2-product-grid.ts) and uploaded once as f32. The backward
// runs the same two shaders twice — (gradOut, x2) → degree L1 and (gradOut, x1) → degree L2 — on the
// same grid and tables (the exact grid depends only on L1 + L2 + Lout). Float64 twin:
// src/reference/gaunt.ts (gauntGrid, gauntGridBackward).

import fromGridSource from '../../shaders/s2grid/from-grid.wgsl?raw';
import toGridProductSource from '../../shaders/s2grid/to-grid-product.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';
import { coefficientCount } from '../o3/gaunt-layout';
import { type ProductGrid, productGrid } from '../o3/s2-product-grid';
import {
  checkDims,
  type GauntDims,
  type GauntProductKernel,
  runGauntBackward,
  runGauntForward,
  withKernel,
} from './gaunt-common';

export const S2_TO_GRID_PRODUCT: KernelSpec = {
  label: 's2grid to-grid product',
  code: toGridProductSource,
  workgroupSize: 64,
};
export const S2_FROM_GRID: KernelSpec = {
  label: 's2grid from-grid',
  code: fromGridSource,
  workgroupSize: 64,
};

/** Each invocation of both shaders owns 4 rows × 8 columns (grid points or coefficients). */
const ROWS_PER_INVOCATION = 4;
const COLUMNS_PER_INVOCATION = 8;
const octets = (n: number) => Math.ceil(n / COLUMNS_PER_INVOCATION);

/** A row-major matrix with its columns zero-padded to a multiple of 8, as f32. */
function padColumns(rows: number, columns: number, at: (r: number, c: number) => number): Float32Array {
  const stride = COLUMNS_PER_INVOCATION * octets(columns);
  const out = new Float32Array(rows * stride);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[r * stride + c] = at(r, c);
  return out;
}

export class GauntGridKernel implements GauntProductKernel {
  readonly grid: ProductGrid;
  /** Y_i(x_k) as (coefficient i) × (grid point k): the to-grid matrix, points padded to 8. */
  private readonly shByCoefficient: GPUBuffer;
  /** w_k·Y_j(x_k) as (grid point k) × (coefficient j): the from-grid matrix, coefficients padded to 8. */
  private readonly weightedSh: GPUBuffer;
  private readonly pointOctets: number;
  private readonly coefficientOctets: number;
  /** Grid values of the product, rows × 8·pointOctets; grown on demand. Replaced ones may still be referenced by recorded batches, so they live until dispose. */
  private scratch: GPUBuffer | null = null;
  private scratchFloats = 0;
  private readonly retired: GPUBuffer[] = [];

  constructor(
    private readonly gpu: Gpu,
    readonly dims: GauntDims,
  ) {
    checkDims(dims);
    const grid = productGrid(dims.L1, dims.L2, dims.Lout);
    this.grid = grid;
    this.pointOctets = octets(grid.points);
    this.coefficientOctets = octets(grid.dim);
    const sh = padColumns(grid.dim, grid.points, (i, k) => grid.sh[k * grid.dim + i]);
    const weighted = padColumns(grid.points, grid.dim, (k, j) => grid.weightedSh[k * grid.dim + j]);
    this.shByCoefficient = gpu.storage('s2grid sh', sh);
    this.weightedSh = gpu.storage('s2grid weighted sh', weighted);
  }

  private productBuffer(rows: number): GPUBuffer {
    const floats = rows * COLUMNS_PER_INVOCATION * this.pointOctets;
    if (!this.scratch || floats > this.scratchFloats) {
      if (this.scratch) this.retired.push(this.scratch);
      this.scratchFloats = Math.max(floats, 2 * this.scratchFloats);
      this.scratch = this.gpu.storage('s2grid product', 4 * this.scratchFloats);
    }
    return this.scratch;
  }

  /** c (degree Lc) ← Gaunt(a (La), b (Lb)) through the grid. */
  private encodeProduct(
    batch: Batch,
    a: GPUBuffer,
    La: number,
    b: GPUBuffer,
    Lb: number,
    c: GPUBuffer,
    Lc: number,
    batchSize: number,
  ): void {
    const C = this.dims.channels;
    const rows = batchSize * C;
    if (rows === 0) return;
    const [na, nb, nc] = [La, Lb, Lc].map(coefficientCount);
    const p = this.productBuffer(rows);
    const rowGroups = Math.ceil(rows / ROWS_PER_INVOCATION);
    const toParams = new Uint32Array([rows, C, this.pointOctets, na, nb, C * na, C * nb]);
    const toBindings = [batch.uniform('s2grid to-grid params', toParams), this.shByCoefficient, a, b, p];
    batch.dispatch(S2_TO_GRID_PRODUCT, toBindings, rowGroups * this.pointOctets);
    const { points } = this.grid;
    const fromParams = new Uint32Array([
      rows,
      C,
      points,
      this.pointOctets,
      this.coefficientOctets,
      nc,
      C * nc,
    ]);
    const fromBindings = [batch.uniform('s2grid from-grid params', fromParams), this.weightedSh, p, c];
    batch.dispatch(S2_FROM_GRID, fromBindings, rowGroups * octets(nc));
  }

  encodeForward(batch: Batch, x1: GPUBuffer, x2: GPUBuffer, out: GPUBuffer, batchSize: number): void {
    const { L1, L2, Lout } = this.dims;
    this.encodeProduct(batch, x1, L1, x2, L2, out, Lout, batchSize);
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
    const { L1, L2, Lout } = this.dims;
    this.encodeProduct(batch, gradOut, Lout, x2, L2, gradX1, L1, batchSize);
    this.encodeProduct(batch, gradOut, Lout, x1, L1, gradX2, L2, batchSize);
  }

  dispose(): void {
    for (const buffer of [this.shByCoefficient, this.weightedSh, ...this.retired])
      this.gpu.destroyBuffer(buffer);
    if (this.scratch) this.gpu.destroyBuffer(this.scratch);
    this.scratch = null;
    this.retired.length = 0;
  }
}

/**
 * FLOPs per sample, counting the dense matmuls as the kernels run them (2 per multiply-add):
 * to-grid 2·P·(n_a + n_b), pointwise product P, from-grid 2·P·n_c per channel, with P grid points
 * and n = (L + 1)². The backward is two such products.
 */
export function gauntGridFlops(d: GauntDims): { forward: number; backward: number } {
  const P = productGrid(d.L1, d.L2, d.Lout).points;
  const [n1, n2, no] = [d.L1, d.L2, d.Lout].map(coefficientCount);
  const product = (na: number, nb: number, nc: number) => d.channels * (2 * P * (na + nb) + P + 2 * P * nc);
  return { forward: product(n1, n2, no), backward: product(no, n2, n1) + product(no, n1, n2) };
}

/** One-shot forward: uploads, runs, reads back and frees (tables included). */
export async function gauntGridOnGpu(
  gpu: Gpu,
  dims: GauntDims,
  x1: Float32Array,
  x2: Float32Array,
  batchSize: number,
): Promise<Float32Array> {
  return withKernel(new GauntGridKernel(gpu, dims), (k) => runGauntForward(gpu, k, x1, x2, batchSize));
}

/** One-shot backward: gradients of Σ gradOut · Gaunt(x1, x2) w.r.t. x1 and x2. */
export async function gauntGridBackwardOnGpu(
  gpu: Gpu,
  dims: GauntDims,
  x1: Float32Array,
  x2: Float32Array,
  gradOut: Float32Array,
  batchSize: number,
): Promise<{ gradX1: Float32Array; gradX2: Float32Array }> {
  return withKernel(new GauntGridKernel(gpu, dims), (k) =>
    runGauntBackward(gpu, k, x1, x2, gradOut, batchSize),
  );
}
