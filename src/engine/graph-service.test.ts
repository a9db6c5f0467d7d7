import { expect, test } from 'vitest';
import { withDevice } from '../test/gpu-harness';
import { Rng } from '../util/random';
import { radiusGraphOf } from './graph-service';

test('the radius graph for the view: every pair within the cutoff once (i < j), nothing else', async () => {
  await withDevice(async (gpu) => {
    const rng = new Rng(8);
    const n = 60;
    const positions = Float64Array.from({ length: 3 * n }, () => rng.uniform(0, 4));
    const result = await radiusGraphOf(gpu, positions, 1.3);
    const want: string[] = [];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const d = Math.hypot(
          positions[3 * i] - positions[3 * j],
          positions[3 * i + 1] - positions[3 * j + 1],
          positions[3 * i + 2] - positions[3 * j + 2],
        );
        if (d < 1.3) want.push(`${i}-${j}`);
      }
    const got = [];
    for (let k = 0; k < result.pairs.length; k += 2) got.push(`${result.pairs[k]}-${result.pairs[k + 1]}`);
    expect(want.length).toBeGreaterThan(20);
    expect(got.sort()).toEqual(want.sort());
    expect(result).toMatchObject({ cutoff: 1.3, builtOn: 'cpu' });
    await expect(radiusGraphOf(gpu, positions, 0)).rejects.toThrow(/cutoff/);
    await expect(radiusGraphOf(gpu, new Float64Array(0), 1)).rejects.toThrow(/positions/);
  });
});
