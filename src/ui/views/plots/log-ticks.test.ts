import { describe, expect, it } from 'vitest';
import { logTicks } from './log-ticks';

describe('logTicks', () => {
  it('gives 1-2-5 ticks over a short range and decades over a long one', () => {
    expect(logTicks(0.006, 0.6)).toEqual([0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks(0.121, 0.121)).toEqual([0.1, 0.2]);
    expect(logTicks(0.01, 1000)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(logTicks(0, 1)).toEqual([]);
  });
});
