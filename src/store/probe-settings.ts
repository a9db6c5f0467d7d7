/** What the Probe panel runs: model, seeds, trials and the sweep. Plain data so a link can carry it. */
export interface ProbeSettings {
  /** Built-in model kind (e.g. 'nequip'), or the id of a run saved by the Train page ('run-…'). */
  model: string;
  /** Seed of the model's weights and of the probe's random transformations. */
  seed: number;
  /** Random transformations per family. */
  trials: number;
  /** Axis of the 0–360° rotation sweep. */
  sweepAxis: 'x' | 'y' | 'z';
  /** Angles in the sweep (excluding 0°). */
  sweepSteps: number;
}

export const DEFAULT_PROBE_SETTINGS: Readonly<ProbeSettings> = Object.freeze({
  model: 'nequip',
  seed: 0,
  trials: 3,
  sweepAxis: 'z',
  sweepSteps: 24,
});

export const SWEEP_AXES = ['x', 'y', 'z'] as const;

/** Saved Train-page runs are chosen by their id (see newRunId in train-slice.ts). */
export function isSavedRunId(model: string): boolean {
  return model.startsWith('run-');
}
export const MAX_TRIALS = 20;
export const MAX_SWEEP_STEPS = 180;

function integerIn(value: unknown, lo: number, hi: number, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
}

/** Settings from untrusted input (a link): each field checked, anything odd replaced by its default. */
export function sanitizeProbeSettings(input: Partial<Record<keyof ProbeSettings, unknown>>): ProbeSettings {
  const d = DEFAULT_PROBE_SETTINGS;
  const model = typeof input.model === 'string' && /^[\w.-]{1,64}$/.test(input.model) ? input.model : d.model;
  const axis = SWEEP_AXES.find((a) => a === input.sweepAxis) ?? d.sweepAxis;
  return {
    model,
    seed: integerIn(input.seed, 0, 2 ** 31 - 1, d.seed),
    trials: integerIn(input.trials, 1, MAX_TRIALS, d.trials),
    sweepAxis: axis,
    sweepSteps: integerIn(input.sweepSteps, 2, MAX_SWEEP_STEPS, d.sweepSteps),
  };
}
