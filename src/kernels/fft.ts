// Batched complex FFT on the GPU (shaders/fft/): Stockham auto-sort passes of radix 4, 2, 3 and 5,
// all in workgroup memory when a column fits (fft_shared.wgsl, one dispatch), else one dispatch
// per pass in global memory (fft_pass.wgsl). Twiddles are computed in float64 and uploaded.
// Float64 twin: fft() in src/reference/fft.ts. Columns are contiguous runs of n vec2<f32>.

import passSource from '../../shaders/fft/fft_pass.wgsl?raw';
import radixSource from '../../shaders/fft/fft_radix.wgsl?raw';
import sharedSource from '../../shaders/fft/fft_shared.wgsl?raw';
import type { Batch } from '../gpu/batch';
import { type KernelSpec, workgroupGrid } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';
import { type FftSign, fftRadices, twiddleTable } from '../reference/fft';

const WORKGROUP_SIZE = 64;
/**
 * Complex values per workgroup the shared kernel aims for (several short columns per workgroup),
 * and the longest column it takes by default. Both are small on purpose: SwiftShader's compile
 * time grows with the workgroup array (≈ 3 s for 8 KiB, 11 s for 16 KiB; 0.1 s for 512 B), and
 * longer columns run well enough as global passes.
 */
const TARGET_TILE = 128;
const SHARED_MAX_N = 256;
const BYTES_PER_COMPLEX = 8;

export interface FftOptions {
  /** Force the workgroup-memory kernel (true) or the global passes (false); default: prefersWorkgroupMemory. */
  workgroupMemory?: boolean;
}

/** Columns of length n fit in workgroup memory when both ping-pong halves do. */
export function fitsInWorkgroupMemory(gpu: Gpu, n: number): boolean {
  return 2 * n * BYTES_PER_COMPLEX <= gpu.device.limits.maxComputeWorkgroupStorageSize;
}

/**
 * The default: workgroup memory for columns up to SHARED_MAX_N long (when they fit) on hardware
 * adapters; global passes on software ones, where each workgroup barrier is a fiber switch per
 * invocation and the shared kernel ran 7–10× slower than the passes (SwiftShader, n = 15 and 36).
 */
export function prefersWorkgroupMemory(gpu: Gpu, n: number): boolean {
  return !gpu.report.isFallback && n <= SHARED_MAX_N && fitsInWorkgroupMemory(gpu, n);
}

export class FftKernel {
  readonly radices: readonly number[];
  readonly inWorkgroupMemory: boolean;
  private readonly twiddles: GPUBuffer;
  private readonly shared: KernelSpec;
  private readonly pass: KernelSpec;
  private scratch: GPUBuffer | null = null;
  private readonly retired: GPUBuffer[] = [];

  constructor(
    private readonly gpu: Gpu,
    readonly n: number,
    options: FftOptions = {},
  ) {
    this.radices = fftRadices(n);
    if (options.workgroupMemory && !fitsInWorkgroupMemory(gpu, n))
      throw new RangeError(`FFT length ${n} does not fit in workgroup memory`);
    // Length 1 has no passes, only the scale: the shared kernel's copy does it.
    this.inWorkgroupMemory = n === 1 || (options.workgroupMemory ?? prefersWorkgroupMemory(gpu, n));
    this.twiddles = gpu.storage(`fft twiddles n=${n}`, Float32Array.from(twiddleTable(n)));
    const maxTile = Math.floor(gpu.device.limits.maxComputeWorkgroupStorageSize / (2 * BYTES_PER_COMPLEX));
    const cols = Math.max(1, Math.floor(Math.min(TARGET_TILE, maxTile) / n));
    this.shared = {
      label: `fft shared n=${n}`,
      code: `${radixSource}\n${sharedSource}`,
      workgroupSize: WORKGROUP_SIZE,
      constants: { N: n, COLS: cols, TILE: cols * n },
    };
    this.pass = { label: 'fft pass', code: `${radixSource}\n${passSource}`, workgroupSize: WORKGROUP_SIZE };
  }

  /** Columns per workgroup of the shared kernel. */
  get columnsPerWorkgroup(): number {
    return this.shared.constants!.COLS;
  }

  /**
   * Records the in-place transform of `count` columns starting at complex element `offset` of
   * `data`: column ← scale · Σ_r x[r] e^{sign·2πi·rq/n}.
   */
  encode(batch: Batch, data: GPUBuffer, count: number, sign: FftSign, scale = 1, offset = 0): void {
    if (count === 0) return;
    if (this.inWorkgroupMemory) this.encodeShared(batch, data, count, sign, scale, offset);
    else this.encodePasses(batch, data, count, sign, scale, offset);
  }

  private encodeShared(
    batch: Batch,
    data: GPUBuffer,
    count: number,
    sign: FftSign,
    scale: number,
    offset: number,
  ) {
    const params = new ArrayBuffer(16);
    new Uint32Array(params, 0, 2).set([count, offset]);
    new Float32Array(params, 8, 2).set([sign, scale]);
    const groups = Math.ceil(count / this.columnsPerWorkgroup);
    const grid = workgroupGrid(groups, 1, this.gpu.device.limits.maxComputeWorkgroupsPerDimension);
    batch.dispatch(this.shared, [batch.uniform('fft params', params), this.twiddles, data], grid);
  }

  private encodePasses(
    batch: Batch,
    data: GPUBuffer,
    count: number,
    sign: FftSign,
    scale: number,
    offset: number,
  ) {
    const bytes = count * this.n * BYTES_PER_COMPLEX;
    const scratch = this.scratchOf(bytes);
    let [src, dst, srcOffset, dstOffset] = [data, scratch, offset, 0];
    let ns = 1;
    this.radices.forEach((radix, p) => {
      const butterflies = (count * this.n) / radix;
      const params = new ArrayBuffer(32);
      new Uint32Array(params, 0, 6).set([butterflies, this.n, ns, radix, srcOffset, dstOffset]);
      new Float32Array(params, 24, 2).set([sign, p === this.radices.length - 1 ? scale : 1]);
      batch.dispatch(
        this.pass,
        [batch.uniform('fft pass params', params), this.twiddles, src, dst],
        butterflies,
      );
      [src, dst, srcOffset, dstOffset] = [dst, src, dstOffset, srcOffset];
      ns *= radix;
    });
    // After an odd number of passes the result sits in the scratch buffer.
    if (src === scratch) batch.copy(scratch, data, bytes, 0, offset * BYTES_PER_COMPLEX);
  }

  /** A scratch buffer of at least `bytes`; outgrown ones live until dispose (a recorded batch may use them). */
  private scratchOf(bytes: number): GPUBuffer {
    if (!this.scratch || this.scratch.size < bytes) {
      if (this.scratch) this.retired.push(this.scratch);
      this.scratch = this.gpu.storage(`fft scratch n=${this.n}`, bytes);
    }
    return this.scratch;
  }

  dispose(): void {
    for (const b of [this.twiddles, ...this.retired, ...(this.scratch ? [this.scratch] : [])])
      this.gpu.destroyBuffer(b);
    this.retired.length = 0;
    this.scratch = null;
  }
}

/** FLOPs as FFT benchmarks count them: 5 n log₂ n per complex transform of length n. */
export function fftFlops(n: number, count = 1): number {
  return n > 1 ? 5 * n * Math.log2(n) * count : 0;
}

/** One-shot: uploads interleaved complex columns, transforms them, reads them back. */
export async function fftOnGpu(
  gpu: Gpu,
  data: Float32Array,
  n: number,
  sign: FftSign,
  scale = 1,
  options: FftOptions = {},
): Promise<Float32Array> {
  if (data.length % (2 * n) !== 0)
    throw new RangeError(`${data.length} floats are not whole columns of ${n} complex values`);
  const count = data.length / (2 * n);
  const kernel = new FftKernel(gpu, n, options);
  const buffer = gpu.storage('fft data', data);
  try {
    const batch = gpu.batch();
    kernel.encode(batch, buffer, count, sign, scale);
    await batch.submit();
    return await gpu.readF32(buffer, data.length);
  } finally {
    gpu.destroyBuffer(buffer);
    kernel.dispose();
  }
}
