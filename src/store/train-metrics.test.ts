import { describe, expect, it } from 'vitest';
import { EQUIVARIANCE_THRESHOLD } from '../engine/sh-equivariance';
import { TOL } from '../test/tolerances';
import {
  EQUIVARIANCE_LIMIT,
  equivarianceVerdict,
  FLOOR_FACTOR,
  headlineMetric,
  metricSeries,
} from './train-metrics';

describe('train metrics', () => {
  it('uses the project’s one float32 equivariance bound', () => {
    expect(EQUIVARIANCE_LIMIT).toBe(EQUIVARIANCE_THRESHOLD);
    expect(EQUIVARIANCE_LIMIT).toBe(TOL.equivarianceF32);
  });

  it('reads an error as rounding below the bound or near the measured floor, as broken above both', () => {
    expect(equivarianceVerdict(3e-6, null).verdict).toBe('rounding');
    expect(equivarianceVerdict(3e-5, null).verdict).toBe('approximate');
    // Facet's sphere-grid aliasing (measured 5.1e-3 with a 4.6e-7 floor).
    expect(equivarianceVerdict(5.1e-3, 4.6e-7).verdict).toBe('approximate');
    expect(equivarianceVerdict(3e-5, 4e-5).verdict).toBe('rounding');
    expect(equivarianceVerdict(FLOOR_FACTOR * 4e-5 * 1.01, 4e-5).verdict).toBe('approximate');
    expect(equivarianceVerdict(0.36, 2e-7).verdict).toBe('broken');
    expect(equivarianceVerdict(1.4, 2.6e-7)).toMatchObject({ verdict: 'broken', bound: EQUIVARIANCE_LIMIT });
  });

  it('plots accuracy in percent, or each error the task reports', () => {
    const tetris = metricSeries([
      { step: 4, metrics: { test_accuracy: 0.125, equivariance_error: 1e-6, float32_floor: 1e-6 } },
      { step: 8, metrics: { test_accuracy: 0.5, equivariance_error: 1e-6, float32_floor: 1e-6 } },
    ]);
    expect(tetris).toEqual([
      {
        key: 'test_accuracy',
        label: 'test accuracy (rotated)',
        steps: [4, 8],
        values: [12.5, 50],
        percent: true,
      },
    ]);
    const md = metricSeries([
      {
        step: 10,
        metrics: { energy_mae: 0.2, force_mae: 0.3, equivariance_error: 1e-6, float32_floor: 1e-6 },
      },
    ]);
    expect(md.map((s) => [s.key, s.values[0], s.percent])).toEqual([
      ['energy_mae', 0.2, false],
      ['force_mae', 0.3, false],
    ]);
    expect(headlineMetric({ test_accuracy: 0.875, equivariance_error: 0 })).toBe('87.5 %');
    expect(headlineMetric({ test_mse: 0.01234, equivariance_error: 0 })).toBe('MSE 0.0123');
    expect(headlineMetric(undefined)).toBeNull();
  });
});
