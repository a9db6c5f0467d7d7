import { describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { groupByKey, sortSegments } from '../reference/group-by-key';
import { exclusiveScan } from '../reference/scan';
import { poisoned, withDevice } from '../test/gpu-harness';
import { Rng } from '../util/random';
import { encodeSegmentSort, GroupByKey } from './group-by-key';

const readU32 = async (gpu: Gpu, b: GPUBuffer, n: number) => new Uint32Array(await gpu.read(b, 4 * n));

async function groupOnGpu(gpu: Gpu, keys: Uint32Array, numKeys: number) {
  const want = groupByKey(keys, numKeys);
  const plan = new GroupByKey(gpu, keys.length, numKeys, { ownScratch: false });
  const order = poisoned(gpu, 'order', keys.length);
  const offsets = poisoned(gpu, 'offsets', numKeys + 1);
  const sortedKeys = poisoned(gpu, 'sorted keys', keys.length);
  const batch = gpu.batch();
  plan.encode(batch, gpu.storage('keys', keys), { order, offsets, sortedKeys });
  await batch.submit();
  const kept = want.order.length;
  const got = {
    order: await readU32(gpu, order, kept),
    offsets: await readU32(gpu, offsets, numKeys + 1),
    sortedKeys: await readU32(gpu, sortedKeys, kept),
  };
  plan.destroy();
  return { want, got };
}

describe('group by key (GPU counting sort)', () => {
  it('equals the stable CPU counting sort for sparse and dense keys', async () => {
    await withDevice(async (gpu) => {
      const cases: [number, number][] = [
        [1, 1],
        [700, 5000],
        [5000, 3],
        [20_000, 1500],
      ];
      for (const [k, [count, numKeys]] of cases.entries()) {
        const rng = new Rng(300 + k);
        const keys = new Uint32Array(count).map(() => rng.int(numKeys));
        const { want, got } = await groupOnGpu(gpu, keys, numKeys);
        expect(got.offsets).toEqual(want.offsets);
        expect(got.order).toEqual(want.order);
        expect(got.sortedKeys).toEqual(Uint32Array.from(want.order, (i) => keys[i]));
      }
    });
  });

  it('drops keys outside [0, numKeys) and handles empty input', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(9);
      const keys = new Uint32Array(400).map(() => rng.int(60));
      const { want, got } = await groupOnGpu(gpu, keys, 40);
      expect(want.order.length).toBeLessThan(keys.length);
      expect(got.offsets).toEqual(want.offsets);
      expect(got.order).toEqual(want.order);
      const empty = await groupOnGpu(gpu, new Uint32Array(0), 7);
      expect(empty.got.offsets).toEqual(new Uint32Array(8));
    });
  });
});

describe('segment sort', () => {
  it('sorts every segment, duplicates included, and leaves segment ids in scratch', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(21);
      const lengths = Array.from({ length: 300 }, () => (rng.next() < 0.2 ? 0 : rng.int(90)));
      lengths.push(2000);
      const offsets = exclusiveScan(lengths);
      const total = offsets[lengths.length];
      const values = new Uint32Array(total).map(() => rng.int(rng.next() < 0.5 ? 20 : 1_000_000));
      const valuesBuffer = gpu.storage('values', values);
      const scratch = poisoned(gpu, 'scratch', total);
      const batch = gpu.batch();
      encodeSegmentSort(batch, gpu.storage('offsets', offsets), valuesBuffer, scratch, lengths.length);
      await batch.submit();
      expect(await readU32(gpu, valuesBuffer, total)).toEqual(sortSegments(values, offsets));
      const ids = Uint32Array.from({ length: total }, (_, k) => offsets.findLastIndex((o) => o <= k));
      expect(await readU32(gpu, scratch, total)).toEqual(ids);
    });
  });
});
