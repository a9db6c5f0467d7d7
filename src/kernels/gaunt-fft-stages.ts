// Wrappers of the three Gaunt-FFT stage shaders (shaders/gaunt/fft_*.wgsl): each records one
// dispatch over one chunk of signals (signal = sample · C + channel) in the spectra buffer, whose
// layout is the paired half-plane columns of src/reference/gaunt-fft-stages.ts (their twins).

import fourierToShSource from '../../shaders/gaunt/fft_fourier_to_sh.wgsl?raw';
import rowProductSource from '../../shaders/gaunt/fft_row_product.wgsl?raw';
import shToFourierSource from '../../shaders/gaunt/fft_sh_to_fourier.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import { pairCount } from '../reference/gaunt-fft-stages';
import type { DeviceColumns, DeviceProjection } from './gaunt-fft-tables';

const spec = (label: string, code: string): KernelSpec => ({ label, code, workgroupSize: 64 });
export const GAUNT_FFT_SH_TO_FOURIER = spec('gaunt fft sh→fourier', shToFourierSource);
export const GAUNT_FFT_ROW_PRODUCT = spec('gaunt fft row product', rowProductSource);
export const GAUNT_FFT_FOURIER_TO_SH = spec('gaunt fft fourier→sh', fourierToShSource);

/** Where a chunk sits: its signals, its first sample in the e3nn buffers, and the channel count. */
export interface Chunk {
  readonly signals: number;
  readonly firstSample: number;
  readonly channels: number;
}

/** SH (e3nn layout, `x`) → paired columns at complex element `offset` of `spectra`. */
export function encodeToColumns(
  batch: Batch,
  table: DeviceColumns,
  x: GPUBuffer,
  spectra: GPUBuffer,
  n: number,
  chunk: Chunk,
  offset: number,
): void {
  // One invocation per (column pair, signal); it writes all n entries of the pair.
  const columns = chunk.signals * pairCount(table.L);
  const params = new Uint32Array([columns, chunk.channels, table.L, n, chunk.firstSample, offset]);
  const uniform = batch.uniform('gaunt fft to-columns params', params);
  batch.dispatch(
    GAUNT_FFT_SH_TO_FOURIER,
    [uniform, table.rowStart, table.lm, table.weight, x, spectra],
    columns,
  );
}

/** Row-wise φ-convolution of A (degree La) and B (degree Lb) into Kc product columns, all paired. */
export function encodeRowProduct(
  batch: Batch,
  spectra: GPUBuffer,
  n: number,
  signals: number,
  [La, aOffset]: [number, number],
  [Lb, bOffset]: [number, number],
  [Kc, cOffset]: [number, number],
): void {
  // One invocation per (signal, row j ≤ n/2); it writes every pair of product columns.
  const rows = signals * (Math.floor(n / 2) + 1);
  const params = new Uint32Array([rows, n, La, Lb, Kc, aOffset, bOffset, cOffset]);
  batch.dispatch(GAUNT_FFT_ROW_PRODUCT, [batch.uniform('gaunt fft row params', params), spectra], rows);
}

/** Paired product columns at complex element `offset` → SH of degree table.Lc into `out` (e3nn layout). */
export function encodeProjection(
  batch: Batch,
  table: DeviceProjection,
  spectra: GPUBuffer,
  out: GPUBuffer,
  n: number,
  chunk: Chunk,
  offset: number,
): void {
  // One invocation per (column k, signal); it writes every output with |m| = k.
  const { Lc, Lp } = table;
  const columns = chunk.signals * (Lc + 1);
  const params = new Uint32Array([columns, chunk.channels, Lc, n, chunk.firstSample, offset, Lp, 0]);
  const uniform = batch.uniform('gaunt fft projection params', params);
  batch.dispatch(
    GAUNT_FFT_FOURIER_TO_SH,
    [uniform, table.rowStart, table.u, table.weight, spectra, out],
    columns,
  );
}
