import blockDotSource from '../../../shaders/nn/block_dot.wgsl?raw';
import scaleBlocksSource from '../../../shaders/nn/scale_blocks.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { f32, packUniform } from './uniform';

export const SCALE_BLOCKS: KernelSpec = {
  label: 'nn scale blocks',
  code: scaleBlocksSource,
  workgroupSize: 64,
};
export const BLOCK_DOT: KernelSpec = { label: 'nn block dot', code: blockDotSource, workgroupSize: 64 };

/** A feature matrix rows × cols whose columns fall into gCols irrep copies. */
export interface BlockShape {
  rows: number;
  cols: number;
  gCols: number;
}

/** out[r, c] ← alpha · g[r, owner[c]] · x[r, c]. */
export function encodeScaleBlocks(
  batch: Batch,
  s: BlockShape,
  alpha: number,
  x: GPUBuffer,
  g: GPUBuffer,
  owner: GPUBuffer,
  out: GPUBuffer,
): void {
  const n = s.rows * s.cols;
  const params = packUniform([s.rows, s.cols, s.gCols, n, f32(alpha)]);
  batch.dispatch(SCALE_BLOCKS, [batch.uniform(SCALE_BLOCKS.label, params), x, g, owner, out], n);
}

/** out[r, j] ← alpha · Σ_m a[r, start_j + m] · b[r, start_j + m] (span = start, len pairs). */
export function encodeBlockDot(
  batch: Batch,
  s: BlockShape,
  alpha: number,
  a: GPUBuffer,
  b: GPUBuffer,
  span: GPUBuffer,
  out: GPUBuffer,
): void {
  const n = s.rows * s.gCols;
  const params = packUniform([s.rows, s.cols, s.gCols, n, f32(alpha)]);
  batch.dispatch(BLOCK_DOT, [batch.uniform(BLOCK_DOT.label, params), a, b, span, out], n);
}
