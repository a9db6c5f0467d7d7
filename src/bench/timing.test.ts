import { describe, expect, it } from 'vitest';
import { timeCpuWork } from './timing';

describe('timeCpuWork', () => {
  it('measures work far below the timer resolution as a positive time per call', () => {
    let sink = 0;
    const { medianMs } = timeCpuWork(
      () => {
        sink += Math.sqrt(sink + 1);
      },
      { warmup: 1, maxRepeats: 3, budgetMs: 0 },
    );
    expect(medianMs).toBeGreaterThan(0);
    expect(medianMs).toBeLessThan(0.1);
    expect(sink).toBeGreaterThan(0);
  });
});
