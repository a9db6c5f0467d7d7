import columnsSource from '../../../shaders/nn/columns.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import { packUniform } from './uniform';

export const COLUMNS: KernelSpec = { label: 'nn columns', code: columnsSource, workgroupSize: 64 };

export interface ColumnWindow {
  rows: number;
  srcWidth: number;
  dstWidth: number;
  srcOffset: number;
  dstOffset: number;
  width: number;
  /** Write zeros to dst's columns outside the window (else leave them). */
  zeroFill: boolean;
}

/** dst[r, dstOffset + j] ← src[r, srcOffset + j] for j < width. */
export function encodeColumns(batch: Batch, w: ColumnWindow, src: GPUBuffer, dst: GPUBuffer): void {
  const n = w.rows * (w.zeroFill ? w.dstWidth : w.width);
  const params = packUniform([
    w.rows,
    w.srcWidth,
    w.dstWidth,
    w.srcOffset,
    w.dstOffset,
    w.width,
    w.zeroFill ? 1 : 0,
    n,
  ]);
  batch.dispatch(COLUMNS, [batch.uniform(COLUMNS.label, params), src, dst], n);
}
