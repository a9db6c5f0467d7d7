import type { Gpu } from '../gpu/runtime';
import type { Context } from './context';
import { Tensor } from './tensor';

/** The index arrays of a SegmentIndex as u32 tensors on one device. */
export interface SegmentIndexDevice {
  readonly index: Tensor;
  readonly order: Tensor;
  readonly offsets: Tensor;
}

/**
 * An integer index (e.g. each edge's sender or receiver, each atom's molecule, a list of feature
 * columns) together with its inverse as segments: `order` lists the positions grouped by index
 * value (stable, so ascending within a group) and `offsets[s] .. offsets[s+1]` bounds group s.
 *
 * Built once per graph on the CPU (counting sort, O(n + segments)), uploaded once per device.
 * Gathering by `index` and summing into segments are adjoint, so each is the other's backward,
 * and both run without atomics: every output walks its own group in a fixed order.
 * When the index is already sorted (edges sorted by receiver), `order` is the identity.
 */
export class SegmentIndex {
  private onDevice: { gpu: Gpu; arrays: SegmentIndexDevice } | null = null;

  private constructor(
    readonly index: Uint32Array,
    readonly order: Uint32Array,
    readonly offsets: Uint32Array,
    readonly numSegments: number,
  ) {}

  /** `index[i] ∈ [0, numSegments)` for every i. */
  static build(index: ArrayLike<number>, numSegments: number): SegmentIndex {
    if (!Number.isInteger(numSegments) || numSegments < 0)
      throw new RangeError(`invalid segment count ${numSegments}`);
    const idx = Uint32Array.from(index);
    for (let i = 0; i < index.length; i++) {
      const v = index[i];
      if (!Number.isInteger(v) || v < 0 || v >= numSegments) {
        throw new RangeError(`index[${i}] = ${v} is outside [0, ${numSegments})`);
      }
    }
    const offsets = new Uint32Array(numSegments + 1);
    for (const v of idx) offsets[v + 1]++;
    for (let s = 0; s < numSegments; s++) offsets[s + 1] += offsets[s];
    const cursor = offsets.slice(0, numSegments);
    const order = new Uint32Array(idx.length);
    idx.forEach((v, i) => {
      order[cursor[v]++] = i;
    });
    return new SegmentIndex(idx, order, offsets, numSegments);
  }

  /** Number of indexed positions (edges, atoms, selected columns). */
  get length(): number {
    return this.index.length;
  }

  /** True when the index is non-decreasing (so `order` is the identity). */
  get sorted(): boolean {
    return this.order.every((v, i) => v === i);
  }

  /** The u32 tensors on `gpu`, uploaded on first use and kept until `dispose()`. */
  device(gpu: Gpu): SegmentIndexDevice {
    if (this.onDevice && this.onDevice.gpu !== gpu)
      throw new Error('SegmentIndex is already on another device');
    if (!this.onDevice) {
      const u32 = (data: Uint32Array, label: string) =>
        Tensor.from(gpu, data, [data.length], { dtype: 'u32', label });
      this.onDevice = {
        gpu,
        arrays: {
          index: u32(this.index, 'segment index'),
          order: u32(this.order, 'segment order'),
          offsets: u32(this.offsets, 'segment offsets'),
        },
      };
    }
    return this.onDevice.arrays;
  }

  /** The device arrays for a step: uploaded if needed and marked as used by `ctx`'s batch. */
  bind(ctx: Context): SegmentIndexDevice {
    const arrays = this.device(ctx.gpu);
    ctx.use(arrays.index, arrays.order, arrays.offsets);
    return arrays;
  }

  /** Frees the device copy (the CPU arrays stay; `device()` uploads again). */
  dispose(): void {
    if (!this.onDevice) return;
    const { index, order, offsets } = this.onDevice.arrays;
    this.onDevice = null;
    index.dispose();
    order.dispose();
    offsets.dispose();
  }
}
