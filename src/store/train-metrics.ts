import type { TrainMetrics } from '../engine/types';
import type { MetricPoint } from './checkpoint-store';

/**
 * The project's float32 equivariance bound (EQUIVARIANCE_THRESHOLD in src/engine/sh-equivariance.ts,
 * TOL.equivarianceF32): errors below it are rounding, above it the model is not equivariant.
 */
export const EQUIVARIANCE_LIMIT = 1e-5;
/** float32 machine epsilon: an equivariant model's error sits near a small multiple of it. */
export const FLOAT32_EPSILON = 2 ** -23;

export type MetricKey = 'test_accuracy' | 'test_mse' | 'energy_mae' | 'force_mae';

export interface MetricSeries {
  key: MetricKey;
  label: string;
  steps: number[];
  values: number[];
  /** Accuracy is plotted as a percentage on a linear axis; errors on a log axis. */
  percent: boolean;
}

const LABELS: Record<MetricKey, string> = {
  test_accuracy: 'test accuracy (rotated)',
  test_mse: 'test MSE (rotated)',
  energy_mae: 'energy MAE (rotated)',
  force_mae: 'force MAE (rotated)',
};

const KEYS: MetricKey[] = ['test_accuracy', 'test_mse', 'energy_mae', 'force_mae'];

/** One series per metric the task reports (accuracy; or MSE; or energy and force MAE). */
export function metricSeries(points: readonly MetricPoint[]): MetricSeries[] {
  return KEYS.flatMap((key) => {
    const present = points.filter(
      (p) => typeof p.metrics[key] === 'number' && Number.isFinite(p.metrics[key]),
    );
    if (!present.length) return [];
    return [
      {
        key,
        label: LABELS[key],
        steps: present.map((p) => p.step),
        values: present.map((p) => (key === 'test_accuracy' ? 100 : 1) * (p.metrics[key] as number)),
        percent: key === 'test_accuracy',
      },
    ];
  });
}

/** The headline metric of a point, formatted: "87.5 %" or "MSE 0.0123". */
export function headlineMetric(m: TrainMetrics | undefined): string | null {
  if (!m) return null;
  if (m.test_accuracy !== undefined) return `${(100 * m.test_accuracy).toFixed(1)} %`;
  if (m.test_mse !== undefined) return `MSE ${m.test_mse.toPrecision(3)}`;
  if (m.energy_mae !== undefined)
    return `E MAE ${m.energy_mae.toPrecision(3)} · F MAE ${(m.force_mae ?? Number.NaN).toPrecision(3)}`;
  return null;
}

/**
 * How far above the measured float32 floor a rotation error may sit and still be rounding: the
 * rotation rounds every input coordinate (≈ the floor's one ulp) and changes every intermediate
 * rounding too. Measured on Tetris NequIP: error/floor 0.7–0.9 over training; an MLP sits at 10⁶.
 */
export const FLOOR_FACTOR = 10;

/**
 * Above rounding but small: a symmetry kept only approximately, e.g. Facet with a SiLU on its
 * sphere grid (gridActivation 'silu'), whose aliasing gives 2e-3…6e-3 (TOL.s2GridMixingRotation);
 * a coordinate MLP is ~1.
 */
export const APPROXIMATE_LIMIT = 5e-2;

export type EquivarianceVerdict = 'rounding' | 'approximate' | 'broken';

/**
 * Equivariant when the error is within the project's float32 bound or within FLOOR_FACTOR of the
 * float32 floor measured on this model (a trained network amplifies rounding past 1e-5);
 * approximately so up to APPROXIMATE_LIMIT; broken above.
 */
export function equivarianceVerdict(
  error: number,
  floor: number | null,
): { verdict: EquivarianceVerdict; bound: number; epsilons: number } {
  const bound = Math.max(EQUIVARIANCE_LIMIT, FLOOR_FACTOR * (floor ?? 0));
  const verdict = error <= bound ? 'rounding' : error <= APPROXIMATE_LIMIT ? 'approximate' : 'broken';
  return { verdict, bound, epsilons: error / FLOAT32_EPSILON };
}
