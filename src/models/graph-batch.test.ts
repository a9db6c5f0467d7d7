import { expect, test } from 'vitest';
import type { Structure } from '../data/generators/types';
import { withDevice } from '../test/gpu-harness';
import { Rng } from '../util/random';
import { batchStructures, batchStructuresOn } from './graph-batch';

/** Random clouds of `n` atoms each, spread so that each atom has a few neighbours within 1.5. */
function clouds(rng: Rng, sizes: number[]): Structure[] {
  return sizes.map((n) => ({
    positions: Float64Array.from({ length: 3 * n }, () => rng.uniform(0, Math.cbrt(n) * 1.2)),
    species: Int32Array.from({ length: n }, () => rng.int(3)),
  }));
}

test('the GPU-built batch graph is the CPU one, edge for edge, with the same geometry', async () => {
  await withDevice(async (gpu) => {
    const structures = clouds(new Rng(5), [300, 1, 0, 450]);
    const cpu = batchStructures(structures, 1.5);
    // Threshold 1 forces the GPU path at CI size.
    const onGpu = await batchStructuresOn(gpu, structures, 1.5, 1);
    expect(cpu.senders.length).toBeGreaterThan(1000);
    expect(Array.from(onGpu.senders)).toEqual(Array.from(cpu.senders));
    expect(Array.from(onGpu.receivers)).toEqual(Array.from(cpu.receivers));
    expect(Array.from(onGpu.graphIndex)).toEqual(Array.from(cpu.graphIndex));
    expect(Array.from(onGpu.edgeLengths)).toEqual(Array.from(cpu.edgeLengths));
    // Below the threshold the CPU builds it.
    const small = await batchStructuresOn(gpu, structures, 1.5);
    expect(Array.from(small.senders)).toEqual(Array.from(cpu.senders));
  });
});
