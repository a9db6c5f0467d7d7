// Gaunt tensor product through the 2D Fourier basis (Luo et al., ICLR 2024) on the GPU. Per
// chunk of samples, one spectra buffer holds every signal as paired half-plane Fourier columns:
//   fft_sh_to_fourier (per input) → θ-FFT of all input columns (one dispatch, sign +1)
//   → fft_row_product (per product) → θ-FFT of all product columns (one dispatch, sign −1, 1/n)
//   → fft_fourier_to_sh (per product).
// The backward reuses these kernels: the Gaunt coefficient ∫ Y Y Y is symmetric in its three
// (l, m), so gradX1 = Gaunt(gradOut, x2) projected to degree L1 and gradX2 = Gaunt(gradOut, x1)
// to L2 — three inputs, two products, still two FFT dispatches. Float64 twin:
// src/reference/gaunt-fft.ts; maths and design: docs/kernels/gaunt-fft.md.

import type { Batch } from '../gpu/batch';
import type { Gpu } from '../gpu/runtime';
import { thetaSeries } from '../o3/sh-fourier';
import { productFftSize, projectionTable, shToColumnsTable } from '../reference/gaunt-fft-plan';
import { pairCount } from '../reference/gaunt-fft-stages';
import { FftKernel, type FftOptions, fftFlops } from './fft';
import {
  checkDims,
  type GauntDims,
  type GauntProductKernel,
  runGauntBackward,
  runGauntForward,
  withKernel,
} from './gaunt-common';
import { encodeProjection, encodeRowProduct, encodeToColumns } from './gaunt-fft-stages';
import { type DeviceColumns, type DeviceProjection, GauntFftTables } from './gaunt-fft-tables';

export { GAUNT_FFT_FOURIER_TO_SH, GAUNT_FFT_ROW_PRODUCT, GAUNT_FFT_SH_TO_FOURIER } from './gaunt-fft-stages';

const BYTES_PER_COMPLEX = 8;
/** The row product unpairs each θ-row into private arrays of 64 columns (fft_row_product.wgsl). */
export const GAUNT_FFT_MAX_L = 63;
/** Default cap on the spectra buffer; larger batches run in chunks through the same buffer. */
const MAX_SPECTRA_BYTES = 64 * 2 ** 20;

export interface GauntFftOptions {
  /** Cap on the spectra scratch buffer (default 64 MiB, and never above the binding limit). */
  maxSpectraBytes?: number;
  /** Which FFT kernel runs the θ transforms (default: prefersWorkgroupMemory in fft.ts). */
  fft?: FftOptions;
}

/** An input signal of degree L in `buffer` (e3nn layout). */
interface Input {
  buffer: GPUBuffer;
  columns: DeviceColumns;
}

/** inputs[a] × inputs[b] projected to the projection's degree, written to `out`. */
interface Product {
  a: number;
  b: number;
  projection: DeviceProjection;
  out: GPUBuffer;
}

export class GauntFftKernel implements GauntProductKernel {
  /** FFT lengths: the forward's product has degree L1 + L2, the backward's up to Lout + max(L1, L2). */
  readonly nForward: number;
  readonly nBackward: number;
  private readonly tables: GauntFftTables;
  private readonly ffts = new Map<number, FftKernel>();
  private spectra: GPUBuffer | null = null;
  private readonly retired: GPUBuffer[] = [];
  private readonly maxSpectraBytes: number;

  constructor(
    private readonly gpu: Gpu,
    readonly dims: GauntDims,
    options: GauntFftOptions = {},
  ) {
    checkDims(dims);
    const { L1, L2, Lout } = dims;
    if (Math.max(L1, L2, Lout) > GAUNT_FFT_MAX_L) {
      throw new RangeError(
        `the Gaunt FFT kernel takes degrees up to ${GAUNT_FFT_MAX_L}, got ${L1}, ${L2}, ${Lout}`,
      );
    }
    const bindingLimit = gpu.device.limits.maxStorageBufferBindingSize;
    this.maxSpectraBytes = Math.min(options.maxSpectraBytes ?? MAX_SPECTRA_BYTES, bindingLimit);
    this.nForward = productFftSize(L1, L2);
    this.nBackward = Math.max(productFftSize(Lout, L2), productFftSize(Lout, L1));
    this.tables = new GauntFftTables(gpu, thetaSeries(Math.max(L1, L2, Lout)));
    for (const n of [this.nForward, this.nBackward]) {
      if (!this.ffts.has(n)) this.ffts.set(n, new FftKernel(gpu, n, options.fft));
    }
  }

  /** Whether the θ-FFTs run in workgroup memory (else as global passes); see prefersWorkgroupMemory. */
  get fftInWorkgroupMemory(): boolean {
    return [...this.ffts.values()].every((f) => f.inWorkgroupMemory);
  }

  encodeForward(batch: Batch, x1: GPUBuffer, x2: GPUBuffer, out: GPUBuffer, batchSize: number): void {
    const { L1, L2, Lout } = this.dims;
    const inputs = [
      { buffer: x1, columns: this.tables.columns(L1) },
      { buffer: x2, columns: this.tables.columns(L2) },
    ];
    const products = [{ a: 0, b: 1, projection: this.tables.projection(Lout, L1 + L2), out }];
    this.encodeProducts(batch, this.nForward, inputs, products, batchSize);
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
    const inputs = [
      { buffer: gradOut, columns: this.tables.columns(Lout) },
      { buffer: x1, columns: this.tables.columns(L1) },
      { buffer: x2, columns: this.tables.columns(L2) },
    ];
    const products = [
      { a: 0, b: 2, projection: this.tables.projection(L1, Lout + L2), out: gradX1 },
      { a: 0, b: 1, projection: this.tables.projection(L2, Lout + L1), out: gradX2 },
    ];
    this.encodeProducts(batch, this.nBackward, inputs, products, batchSize);
  }

  /** Records every stage for `batchSize` samples, in chunks that fit the spectra buffer. */
  private encodeProducts(
    batch: Batch,
    n: number,
    inputs: Input[],
    products: Product[],
    batchSize: number,
  ): void {
    const channels = this.dims.channels;
    // Pair columns per signal (sample · channel): the inputs' first, then the products'.
    const inputPairs = inputs.map((x) => pairCount(x.columns.L));
    const productPairs = products.map((p) => pairCount(p.projection.Lc));
    const pairsPerSignal = [...inputPairs, ...productPairs].reduce((s, v) => s + v, 0);
    const bytesPerSample = channels * pairsPerSignal * n * BYTES_PER_COMPLEX;
    const samplesPerChunk = Math.max(
      1,
      Math.min(batchSize, Math.floor(this.maxSpectraBytes / bytesPerSample)),
    );
    const spectra = this.spectraOf(samplesPerChunk * bytesPerSample);
    const fft = this.ffts.get(n)!;
    for (let firstSample = 0; firstSample < batchSize; firstSample += samplesPerChunk) {
      const chunk = {
        signals: Math.min(samplesPerChunk, batchSize - firstSample) * channels,
        firstSample,
        channels,
      };
      // Complex offset of each region: inputs in order, then products.
      const offsets = [0];
      for (const pairs of [...inputPairs, ...productPairs])
        offsets.push(offsets[offsets.length - 1] + chunk.signals * pairs * n);
      const productStart = offsets[inputs.length];
      inputs.forEach((x, i) => {
        encodeToColumns(batch, x.columns, x.buffer, spectra, n, chunk, offsets[i]);
      });
      fft.encode(batch, spectra, productStart / n, 1);
      products.forEach((p, i) => {
        const [a, b] = [inputs[p.a].columns.L, inputs[p.b].columns.L];
        const c: [number, number] = [p.projection.Lc + 1, offsets[inputs.length + i]];
        encodeRowProduct(batch, spectra, n, chunk.signals, [a, offsets[p.a]], [b, offsets[p.b]], c);
      });
      fft.encode(batch, spectra, (offsets[offsets.length - 1] - productStart) / n, -1, 1 / n, productStart);
      products.forEach((p, i) => {
        encodeProjection(batch, p.projection, spectra, p.out, n, chunk, offsets[inputs.length + i]);
      });
    }
  }

  /** The spectra buffer, grown on demand; outgrown ones live until dispose (a recorded batch may use them). */
  private spectraOf(bytes: number): GPUBuffer {
    if (!this.spectra || this.spectra.size < bytes) {
      if (this.spectra) this.retired.push(this.spectra);
      this.spectra = this.gpu.storage('gaunt fft spectra', bytes);
    }
    return this.spectra;
  }

  dispose(): void {
    for (const fft of this.ffts.values()) fft.dispose();
    this.ffts.clear();
    this.tables.dispose();
    for (const b of [...this.retired, ...(this.spectra ? [this.spectra] : [])]) this.gpu.destroyBuffer(b);
    this.retired.length = 0;
    this.spectra = null;
  }
}

/**
 * FLOPs per sample, counting what the kernels do: 4 per sparse-table entry (a real times a complex,
 * accumulated) into the paired columns; 5 n log₂ n per complex FFT of length n (one per pair of
 * columns); per row j ≤ n/2, 4 per unpaired input value and 8 per complex multiply-add of the
 * row convolution; 6 per projection entry (unpair, then a 2-vector dot product).
 */
export function gauntFftFlops(d: GauntDims): { forward: number; backward: number } {
  checkDims(d);
  const { L1, L2, Lout, channels } = d;
  const theta = thetaSeries(Math.max(L1, L2, Lout));
  const toColumns = (n: number, L: number) =>
    4 * shToColumnsTable(L, theta).index.length + fftFlops(n, pairCount(L));
  const product = (n: number, La: number, Lb: number, Lc: number) => {
    let terms = 0;
    for (let k = 0; k <= Lc; k++) terms += Math.max(0, Math.min(La, k + Lb) - Math.max(-La, k - Lb) + 1);
    const rows = Math.floor(n / 2) + 1;
    const projection = 6 * projectionTable(Lc, La + Lb, theta).index.length;
    return rows * (8 * terms + 4 * (La + Lb + 2)) + fftFlops(n, pairCount(Lc)) + projection;
  };
  const nF = productFftSize(L1, L2);
  const nB = Math.max(productFftSize(Lout, L2), productFftSize(Lout, L1));
  return {
    forward: channels * (toColumns(nF, L1) + toColumns(nF, L2) + product(nF, L1, L2, Lout)),
    backward:
      channels *
      (toColumns(nB, Lout) +
        toColumns(nB, L1) +
        toColumns(nB, L2) +
        product(nB, Lout, L2, L1) +
        product(nB, Lout, L1, L2)),
  };
}

/** One-shot forward: uploads, runs, reads back and frees (tables included). */
export async function gauntFftOnGpu(
  gpu: Gpu,
  dims: GauntDims,
  x1: Float32Array,
  x2: Float32Array,
  batchSize: number,
): Promise<Float32Array> {
  return withKernel(new GauntFftKernel(gpu, dims), (k) => runGauntForward(gpu, k, x1, x2, batchSize));
}

/** One-shot backward: gradients of Σ gradOut · Gaunt(x1, x2) w.r.t. x1 and x2. */
export async function gauntFftBackwardOnGpu(
  gpu: Gpu,
  dims: GauntDims,
  x1: Float32Array,
  x2: Float32Array,
  gradOut: Float32Array,
  batchSize: number,
): Promise<{ gradX1: Float32Array; gradX2: Float32Array }> {
  return withKernel(new GauntFftKernel(gpu, dims), (k) =>
    runGauntBackward(gpu, k, x1, x2, gradOut, batchSize),
  );
}
