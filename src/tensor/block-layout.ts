import type { Gpu } from '../gpu/runtime';
import type { Irreps } from '../o3/irreps';
import type { Context } from './context';
import { Tensor } from './tensor';

/** One block of a feature layout: `mul` copies of a `dim`-component irrep (dim = 2l + 1). */
export interface Block {
  readonly mul: number;
  readonly dim: number;
}

export interface BlockLayoutDevice {
  /** Feature column → irrep copy it belongs to (cols entries). */
  readonly owner: Tensor;
  /** Irrep copy → (first column, number of columns), interleaved (2 · copies entries). */
  readonly span: Tensor;
}

/**
 * A feature layout as e3nn's: blocks in order, block b holding mul_b copies of a dim_b-vector,
 * copy u of block b at columns offset_b + u·dim_b + (0 … dim_b−1). Copies are numbered in the
 * same order (block by block, u within a block); `copies` is Σ mul, `cols` is Σ mul·dim.
 * Used by the per-copy ops (gates, squared norms): a gate has one scalar per copy.
 */
export class BlockLayout {
  readonly cols: number;
  readonly copies: number;
  readonly owner: Uint32Array;
  readonly span: Uint32Array;
  private onDevice: { gpu: Gpu; arrays: BlockLayoutDevice } | null = null;

  constructor(readonly blocks: readonly Block[]) {
    for (const { mul, dim } of blocks) {
      if (!Number.isInteger(mul) || mul < 0 || !Number.isInteger(dim) || dim < 1) {
        throw new RangeError(`invalid block ${mul}×${dim}`);
      }
    }
    this.cols = blocks.reduce((s, b) => s + b.mul * b.dim, 0);
    this.copies = blocks.reduce((s, b) => s + b.mul, 0);
    this.owner = new Uint32Array(this.cols);
    this.span = new Uint32Array(2 * this.copies);
    let column = 0;
    let copy = 0;
    for (const { mul, dim } of blocks) {
      for (let u = 0; u < mul; u++, copy++) {
        this.span[2 * copy] = column;
        this.span[2 * copy + 1] = dim;
        this.owner.fill(copy, column, column + dim);
        column += dim;
      }
    }
  }

  static fromIrreps(irreps: Irreps): BlockLayout {
    return new BlockLayout(irreps.blocks.map(({ mul, ir }) => ({ mul, dim: ir.dim })));
  }

  /** The tables as u32 tensors on `gpu`, uploaded on first use and kept until `dispose()`. */
  device(gpu: Gpu): BlockLayoutDevice {
    if (this.onDevice && this.onDevice.gpu !== gpu)
      throw new Error('BlockLayout is already on another device');
    if (!this.onDevice) {
      const u32 = (data: Uint32Array, label: string) =>
        Tensor.from(gpu, data, [data.length], { dtype: 'u32', label });
      this.onDevice = {
        gpu,
        arrays: { owner: u32(this.owner, 'block owner'), span: u32(this.span, 'block span') },
      };
    }
    return this.onDevice.arrays;
  }

  /** The device tables for a step: uploaded if needed and marked as used by `ctx`'s batch. */
  bind(ctx: Context): BlockLayoutDevice {
    const arrays = this.device(ctx.gpu);
    ctx.use(arrays.owner, arrays.span);
    return arrays;
  }

  dispose(): void {
    if (!this.onDevice) return;
    const { owner, span } = this.onDevice.arrays;
    this.onDevice = null;
    owner.dispose();
    span.dispose();
  }
}
