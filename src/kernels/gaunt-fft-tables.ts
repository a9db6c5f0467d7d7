// The Gaunt-FFT route's sparse tables (src/reference/gaunt-fft-plan.ts, float64) rounded to
// float32 and uploaded once per kernel, in the shapes the shaders in shaders/gaunt/fft_*.wgsl read.

import type { Gpu } from '../gpu/runtime';
import { degreeAndOrder } from '../o3/gaunt-layout';
import type { ThetaSeries } from '../o3/sh-fourier';
import { projectionTable, type SparseRows, shToColumnsTable } from '../reference/gaunt-fft-plan';

/** SH (degree L) → columns: CSR rows k·(2L+1) + u + L; entries l | (m + l) << 16 and complex weights. */
export interface DeviceColumns {
  readonly L: number;
  readonly nnz: number;
  readonly rowStart: GPUBuffer;
  readonly lm: GPUBuffer;
  readonly weight: GPUBuffer;
}

/** Product columns (frequencies ≤ Lp) → SH of degree Lc: CSR rows l² + l + m; entries u and weights. */
export interface DeviceProjection {
  readonly Lc: number;
  readonly Lp: number;
  readonly nnz: number;
  readonly rowStart: GPUBuffer;
  readonly u: GPUBuffer;
  readonly weight: GPUBuffer;
}

/** Tables by degree, uploaded on first use and shared by the forward and the backward. */
export class GauntFftTables {
  private readonly columnTables = new Map<number, DeviceColumns>();
  private readonly projections = new Map<string, DeviceProjection>();

  constructor(
    private readonly gpu: Gpu,
    private readonly theta: ThetaSeries,
  ) {}

  columns(L: number): DeviceColumns {
    let table = this.columnTables.get(L);
    if (!table) {
      const rows = shToColumnsTable(L, this.theta);
      const lm = rows.index.map((q) => {
        const { l, m } = degreeAndOrder(q);
        return l | ((m + l) << 16);
      });
      table = {
        L,
        nnz: rows.index.length,
        ...this.upload(`gaunt fft columns L=${L}`, rows),
        lm: this.buffer(`L=${L} lm`, lm),
      };
      this.columnTables.set(L, table);
    }
    return table;
  }

  projection(Lc: number, Lp: number): DeviceProjection {
    const key = `${Lc}:${Lp}`;
    let table = this.projections.get(key);
    if (!table) {
      const rows = projectionTable(Lc, Lp, this.theta);
      const label = `gaunt fft projection Lc=${Lc} Lp=${Lp}`;
      table = {
        Lc,
        Lp,
        nnz: rows.index.length,
        ...this.upload(label, rows),
        u: this.buffer(`${label} u`, rows.index),
      };
      this.projections.set(key, table);
    }
    return table;
  }

  private upload(label: string, rows: SparseRows): { rowStart: GPUBuffer; weight: GPUBuffer } {
    return {
      rowStart: this.buffer(`${label} rows`, rows.start),
      weight: this.buffer(`${label} weights`, Float32Array.from(rows.weight)),
    };
  }

  private buffer(label: string, data: Uint32Array | Float32Array): GPUBuffer {
    return this.gpu.storage(label, data);
  }

  dispose(): void {
    for (const t of this.columnTables.values())
      for (const b of [t.rowStart, t.lm, t.weight]) this.gpu.destroyBuffer(b);
    for (const t of this.projections.values())
      for (const b of [t.rowStart, t.u, t.weight]) this.gpu.destroyBuffer(b);
    this.columnTables.clear();
    this.projections.clear();
  }
}
