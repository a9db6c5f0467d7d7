// Deterministic exclusive prefix sum of u32 on the GPU (reduce-then-scan): CSR offsets from
// counts, for the radius graph's cell lists and neighbour lists and any other bucketing.
// Twin: src/reference/scan.ts. Design notes: docs/kernels/radius-graph.md.
import scanAddSource from '../../shaders/common/scan_add.wgsl?raw';
import scanChunksSource from '../../shaders/common/scan_chunks.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';

export interface ScanOptions {
  /** Threads per workgroup of both stages (default 64). */
  workgroupSize?: number;
  /** Elements each thread scans serially (default 64): the reduction factor per level. */
  chunk?: number;
}

/** One multi-chunk level: per-chunk sums and their own exclusive scan (chunks + 1 entries). */
interface Level {
  n: number;
  chunks: number;
  sums: GPUBuffer;
  scanned: GPUBuffer;
}

/**
 * A reusable plan for scanning `n` u32 values: `encode(batch, x, y)` records
 * y[i] = Σ_{j<i} x[j] for i ≤ n (y has n + 1 entries, y[n] the total). Each thread scans a
 * chunk serially, the chunk sums are scanned recursively (log_chunk(n) levels), and the chunk
 * offsets added back: 2·levels + 1 dispatches. Every sum is taken in a fixed order, so the result
 * is bitwise reproducible; u32 sums wrap modulo 2³². The plan owns its scratch buffers.
 */
export class ExclusiveScan {
  private readonly chunkSpec: KernelSpec;
  private readonly addSpec: KernelSpec;
  private readonly chunk: number;
  private readonly levels: Level[] = [];
  /** The top level is one chunk; its sum is written here (and as y[n]) but not read. */
  private readonly topSum: GPUBuffer;

  constructor(
    private readonly gpu: Gpu,
    readonly n: number,
    options: ScanOptions = {},
  ) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`scan length must be a count, got ${n}`);
    const wg = options.workgroupSize ?? 64;
    this.chunk = options.chunk ?? 64;
    if (!Number.isInteger(this.chunk) || this.chunk < 2)
      throw new RangeError(`scan chunk must be an integer ≥ 2, got ${this.chunk}`);
    this.chunkSpec = {
      label: 'scan chunks',
      code: scanChunksSource,
      workgroupSize: wg,
      constants: { CHUNK: this.chunk },
    };
    this.addSpec = { label: 'scan add', code: scanAddSource, workgroupSize: wg };
    for (let m = n; m > this.chunk; ) {
      const chunks = Math.ceil(m / this.chunk);
      const depth = this.levels.length;
      this.levels.push({
        n: m,
        chunks,
        sums: gpu.storage(`scan sums L${depth}`, 4 * chunks),
        scanned: gpu.storage(`scan offsets L${depth}`, 4 * (chunks + 1)),
      });
      m = chunks;
    }
    this.topSum = gpu.storage('scan top sum', 4);
  }

  /** Records y[0..n] ← exclusive scan of x[0..n) with the total in y[n]. x and y must differ. */
  encode(batch: Batch, x: GPUBuffer, y: GPUBuffer): void {
    if (x === y) throw new RangeError('ExclusiveScan: input and output must be different buffers');
    this.encodeLevel(batch, 0, x, y, this.n);
  }

  private encodeLevel(batch: Batch, depth: number, x: GPUBuffer, y: GPUBuffer, n: number): void {
    if (depth === this.levels.length) {
      const params = new Uint32Array([n, 1, 1, 0]);
      batch.dispatch(this.chunkSpec, [batch.uniform('scan top params', params), x, y, this.topSum], 1);
      return;
    }
    const level = this.levels[depth];
    const chunkParams = new Uint32Array([n, level.chunks, 0, 0]);
    batch.dispatch(
      this.chunkSpec,
      [batch.uniform('scan chunks params', chunkParams), x, y, level.sums],
      level.chunks,
    );
    this.encodeLevel(batch, depth + 1, level.sums, level.scanned, level.chunks);
    const addParams = new Uint32Array([n, this.chunk, level.chunks, 0]);
    batch.dispatch(this.addSpec, [batch.uniform('scan add params', addParams), level.scanned, y], n + 1);
  }

  /** Frees the scratch buffers; the plan cannot be used afterwards. */
  destroy(): void {
    for (const level of this.levels) {
      this.gpu.destroyBuffer(level.sums);
      this.gpu.destroyBuffer(level.scanned);
    }
    this.levels.length = 0;
    this.gpu.destroyBuffer(this.topSum);
  }
}
