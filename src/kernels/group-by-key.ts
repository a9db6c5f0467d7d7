// Counting sort on the GPU: group positions by an integer key into CSR form (order + offsets),
// deterministically. Used by the radius graph (atoms by hash-grid bucket) and to index edges by
// sender (for the edge-geometry backward). Twin: src/reference/group-by-key.ts.
import keyCountSource from '../../shaders/common/key_count.wgsl?raw';
import keyScatterSource from '../../shaders/common/key_scatter.wgsl?raw';
import segmentSortSource from '../../shaders/common/segment_sort.wgsl?raw';
import type { Batch } from '../gpu/batch';
import type { KernelSpec } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';
import { ExclusiveScan } from './scan';

export const KEY_COUNT: KernelSpec = { label: 'key count', code: keyCountSource, workgroupSize: 64 };
export const KEY_SCATTER: KernelSpec = { label: 'key scatter', code: keyScatterSource, workgroupSize: 64 };
export const SEGMENT_SORT: KernelSpec = { label: 'segment sort', code: segmentSortSource, workgroupSize: 64 };

/**
 * Records: sort each segment values[offsets[s] .. offsets[s+1]) ascending (s < segments), then
 * overwrite scratch (same length as values) with each element's segment id. Insertion sort
 * on blocks of 32, then merges: built for many short lists (neighbour lists, hash buckets).
 */
export function encodeSegmentSort(
  batch: Batch,
  offsets: GPUBuffer,
  values: GPUBuffer,
  scratch: GPUBuffer,
  segments: number,
): void {
  const params = new Uint32Array([segments, 0, 0, 0]);
  batch.dispatch(
    SEGMENT_SORT,
    [batch.uniform('segment sort params', params), offsets, values, scratch],
    segments,
  );
}

export interface GroupByKeyOutputs {
  /** count entries: positions grouped by key, ascending within a key. */
  order: GPUBuffer;
  /** numKeys + 1 entries: key k's group is order[offsets[k] .. offsets[k+1]). */
  offsets: GPUBuffer;
  /** count entries, optional: receives keys in sorted order (otherwise a private scratch is used). */
  sortedKeys?: GPUBuffer;
}

/**
 * A plan grouping `count` u32 keys in [0, numKeys) (larger keys are dropped). Histogram with
 * integer atomics → exclusive scan → scatter with atomic cursors → sort each group by position.
 * Atomics decide only the provisional slots; the final sort makes the output independent of
 * thread timing, so it equals the CPU counting sort exactly. The plan owns its scratch buffers.
 */
export class GroupByKey {
  private readonly scan: ExclusiveScan;
  private readonly cursors: GPUBuffer;
  private readonly scratch: GPUBuffer | null;

  constructor(
    private readonly gpu: Gpu,
    readonly count: number,
    readonly numKeys: number,
    options: { ownScratch?: boolean } = {},
  ) {
    this.scan = new ExclusiveScan(gpu, numKeys);
    this.cursors = gpu.storage('group-by-key cursors', 4 * numKeys);
    this.scratch = options.ownScratch === false ? null : gpu.storage('group-by-key scratch', 4 * count);
  }

  encode(batch: Batch, keys: GPUBuffer, out: GroupByKeyOutputs): void {
    const scratch = out.sortedKeys ?? this.scratch;
    if (!scratch) throw new RangeError('GroupByKey built without scratch needs out.sortedKeys');
    const params = new Uint32Array([this.count, this.numKeys, 0, 0]);
    batch.clear(this.cursors);
    batch.dispatch(KEY_COUNT, [batch.uniform('key count params', params), keys, this.cursors], this.count);
    this.scan.encode(batch, this.cursors, out.offsets);
    batch.clear(this.cursors);
    batch.dispatch(
      KEY_SCATTER,
      [batch.uniform('key scatter params', params), keys, out.offsets, this.cursors, out.order],
      this.count,
    );
    encodeSegmentSort(batch, out.offsets, out.order, scratch, this.numKeys);
  }

  destroy(): void {
    this.scan.destroy();
    this.gpu.destroyBuffer(this.cursors);
    if (this.scratch) this.gpu.destroyBuffer(this.scratch);
  }
}
