import type { TrainRequest } from '../engine/types';

/**
 * The Train page's choices. They mirror TRAIN_DATASETS, MODEL_KINDS and TP_KINDS, which live next
 * to GPU code the page must not bundle; train-form.test.ts checks that the lists agree.
 */
export const TRAIN_DATASET_CHOICES = [
  { value: 'tetris', label: 'Tetris-8', hint: 'classify 8 shapes (incl. a chiral pair) under rotations' },
  { value: 'nbody', label: 'N-body', hint: 'predict charged particles 1000 steps ahead' },
  { value: 'md', label: 'Molecules (MD)', hint: 'energies and forces of an analytic potential' },
] as const satisfies readonly { value: TrainRequest['dataset']; label: string; hint: string }[];

export const TRAIN_MODEL_CHOICES = [
  { value: 'nequip', label: 'NequIP', hint: 'E(3)-equivariant interaction network' },
  { value: 'egnn', label: 'EGNN', hint: 'E(n)-equivariant graph network (scalars and vectors)' },
  { value: 'facet', label: 'Facet', hint: 'spline radial functions, mixing on a sphere grid' },
  { value: 'mlp', label: 'MLP', hint: 'non-equivariant baseline on raw coordinates' },
] as const satisfies readonly { value: TrainRequest['model']; label: string; hint: string }[];

export const TRAIN_TP_CHOICES = [
  { value: 'cg', label: 'Clebsch–Gordan' },
  { value: 'gaunt-fft', label: 'Gaunt (FFT)' },
  { value: 'gaunt-grid', label: 'Gaunt (grid)' },
  { value: 'gaunt-direct', label: 'Gaunt (direct)' },
] as const satisfies readonly { value: NonNullable<TrainRequest['tp']>; label: string }[];

export type TrainDatasetChoice = (typeof TRAIN_DATASET_CHOICES)[number]['value'];
export type TrainModelChoice = (typeof TRAIN_MODEL_CHOICES)[number]['value'];
export type TrainTpChoice = (typeof TRAIN_TP_CHOICES)[number]['value'];

/** What the form edits; null learning rate or batch size means the engine's default for the pair. */
export interface TrainForm {
  dataset: TrainDatasetChoice;
  model: TrainModelChoice;
  /** nequip only. */
  tp: TrainTpChoice;
  steps: number;
  lr: number | null;
  batchSize: number | null;
  seed: number;
  augment: boolean;
  /** md only. */
  forceWeight: number;
  /** Read the loss back every this many steps. */
  logEvery: number;
  /** nequip only: channels per irrep and the highest degree of the hidden features (null: model default). */
  channels: number | null;
  lmax: number | null;
}

export const TRAIN_LIMITS = {
  steps: [1, 100_000],
  batchSize: [1, 4096],
  seed: [0, 2 ** 31 - 1],
  logEvery: [1, 1000],
  channels: [1, 64],
  lmax: [0, 4],
} as const satisfies Record<string, readonly [number, number]>;

export const DEFAULT_TRAIN_FORM: TrainForm = {
  dataset: 'tetris',
  model: 'nequip',
  tp: 'cg',
  steps: 100,
  lr: null,
  batchSize: null,
  seed: 0,
  augment: false,
  forceWeight: 1,
  logEvery: 5,
  channels: null,
  lmax: null,
};

const clampInt = (v: number, [lo, hi]: readonly [number, number], fallback: number) =>
  Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : fallback;

const oneOf = <T extends string>(choices: readonly { value: T }[], v: unknown, fallback: T): T =>
  choices.some((c) => c.value === v) ? (v as T) : fallback;

/** Keeps every field valid (storage and old saved runs may hold anything). */
export function normalizeTrainForm(form: Partial<TrainForm>): TrainForm {
  const f = { ...DEFAULT_TRAIN_FORM, ...form };
  const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
  return {
    dataset: oneOf(TRAIN_DATASET_CHOICES, f.dataset, DEFAULT_TRAIN_FORM.dataset),
    model: oneOf(TRAIN_MODEL_CHOICES, f.model, DEFAULT_TRAIN_FORM.model),
    tp: oneOf(TRAIN_TP_CHOICES, f.tp, DEFAULT_TRAIN_FORM.tp),
    steps: clampInt(f.steps, TRAIN_LIMITS.steps, DEFAULT_TRAIN_FORM.steps),
    lr: positive(f.lr),
    batchSize: f.batchSize === null ? null : clampInt(f.batchSize, TRAIN_LIMITS.batchSize, 1),
    seed: clampInt(f.seed, TRAIN_LIMITS.seed, 0),
    augment: f.augment === true,
    forceWeight: typeof f.forceWeight === 'number' && f.forceWeight >= 0 ? f.forceWeight : 1,
    logEvery: clampInt(f.logEvery, TRAIN_LIMITS.logEvery, DEFAULT_TRAIN_FORM.logEvery),
    channels: f.channels === null ? null : clampInt(f.channels, TRAIN_LIMITS.channels, 4),
    lmax: f.lmax === null ? null : clampInt(f.lmax, TRAIN_LIMITS.lmax, 1),
  };
}

/** The engine request of a form: fields that do not apply to the pair are left out. */
export function requestFromForm(form: TrainForm): TrainRequest {
  const modelConfig = {
    ...(form.channels !== null ? { channels: form.channels } : {}),
    ...(form.lmax !== null ? { lmax: form.lmax } : {}),
  };
  return {
    dataset: form.dataset,
    model: form.model,
    ...(form.model === 'nequip' ? { tp: form.tp } : {}),
    steps: form.steps,
    seed: form.seed,
    ...(form.lr !== null ? { lr: form.lr } : {}),
    ...(form.batchSize !== null ? { batchSize: form.batchSize } : {}),
    augment: form.augment,
    logEvery: form.logEvery,
    ...(form.dataset === 'md' ? { forceWeight: form.forceWeight } : {}),
    ...(form.model === 'nequip' && Object.keys(modelConfig).length ? { modelConfig } : {}),
  };
}

/** The form that produces a request (a restored run shows its own settings). */
export function formFromRequest(r: TrainRequest): TrainForm {
  return normalizeTrainForm({
    dataset: r.dataset,
    model: r.model as TrainModelChoice,
    tp: r.tp ?? DEFAULT_TRAIN_FORM.tp,
    steps: r.steps ?? 100,
    lr: r.lr ?? null,
    batchSize: r.batchSize ?? null,
    seed: r.seed ?? 0,
    augment: r.augment ?? false,
    forceWeight: r.forceWeight ?? 1,
    logEvery: r.logEvery ?? 10,
    channels: typeof r.modelConfig?.channels === 'number' ? r.modelConfig.channels : null,
    lmax: typeof r.modelConfig?.lmax === 'number' ? r.modelConfig.lmax : null,
  });
}

/** Whether two requests train the same run (key order and absent-vs-default aside). */
export function sameRequest(a: TrainRequest, b: TrainRequest): boolean {
  const canonical = (r: TrainRequest) => JSON.stringify(requestFromForm(formFromRequest(r)));
  return canonical(a) === canonical(b);
}

/** Short description of a run's settings, e.g. "tetris · nequip (cg) · 100 steps · seed 0". */
export function describeRequest(r: TrainRequest): string {
  const model = r.model === 'nequip' ? `nequip (${r.tp ?? 'cg'})` : r.model;
  return `${r.dataset} · ${model} · seed ${r.seed ?? 0}${r.augment ? ' · augmented' : ''}`;
}
