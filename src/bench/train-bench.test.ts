import { expect, test } from 'vitest';
import { withDevice } from '../test/gpu-harness';
import { formatTrainBenchTable, runTrainBenchmark } from './train-bench';

test('the training benchmark times every pair and reports steps per second', async () => {
  await withDevice(async (gpu) => {
    const rows = await runTrainBenchmark(gpu, {
      datasets: ['tetris', 'nbody'],
      models: ['mlp'],
      warmup: 1,
      steps: 2,
    });
    expect(rows.map((r) => `${r.dataset}/${r.kind}`)).toEqual(['tetris/mlp', 'nbody/mlp']);
    for (const r of rows) {
      expect(r.steps_per_second).toBeGreaterThan(0);
      expect(r.ms_per_step * r.steps_per_second).toBeCloseTo(1000, 6);
      expect(r.parameters).toBeGreaterThan(0);
    }
    expect(formatTrainBenchTable(rows).split('\n')).toHaveLength(4);
  });
});
