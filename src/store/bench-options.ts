import type { BenchMethod, BenchSetting } from '../bench/tp-bench-cases';
import type { TpBenchOptions } from '../engine/types';

/**
 * Choices the Benchmarks page offers. Listed here, not imported from src/bench, because that
 * module's values pull GPU kernels into the page bundle; the checks below keep the lists complete.
 */
export const BENCH_METHOD_CHOICES = ['cg', 'gaunt-fft', 'gaunt-grid', 'gaunt-direct', 'cpu'] as const;
export const BENCH_SETTING_CHOICES = ['siso', 'mimo'] as const;
type MissingMethod = Exclude<BenchMethod, (typeof BENCH_METHOD_CHOICES)[number]>;
type MissingSetting = Exclude<BenchSetting, (typeof BENCH_SETTING_CHOICES)[number]>;
const everyMethodOffered: [MissingMethod] extends [never] ? true : MissingMethod = true;
const everySettingOffered: [MissingSetting] extends [never] ? true : MissingSetting = true;
void everyMethodOffered;
void everySettingOffered;

/** The degree range of the paper's comparison; the kernels go further, the page stops here. */
export const BENCH_MIN_L = 1;
export const BENCH_MAX_L = 8;
/** Generous for a real GPU; larger sizes are better run from the CLI. */
export const BENCH_MAX_BATCH = 65536;
export const BENCH_MAX_CHANNELS = 256;

/** What the user sets on the page; the rest of the options (CPU batch, timing) come from the engine's defaults. */
export interface BenchForm {
  lmin: number;
  lmax: number;
  batch: number;
  channels: number;
  settings: BenchSetting[];
  methods: BenchMethod[];
}

const clampInt = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/** Keeps only known choices, in the canonical order, so rows and legends come out the same every run. */
function canonical<T extends string>(chosen: readonly T[], order: readonly T[]): T[] {
  return order.filter((c) => chosen.includes(c));
}

/** The form with every field in range and lmin ≤ lmax (the field the user just moved wins). */
export function normalizeBenchForm(form: BenchForm, changed: Partial<BenchForm> = {}): BenchForm {
  let lmin = clampInt(form.lmin, BENCH_MIN_L, BENCH_MAX_L);
  let lmax = clampInt(form.lmax, BENCH_MIN_L, BENCH_MAX_L);
  if (lmin > lmax) {
    if ('lmax' in changed && !('lmin' in changed)) lmin = lmax;
    else lmax = lmin;
  }
  return {
    lmin,
    lmax,
    batch: clampInt(form.batch, 1, BENCH_MAX_BATCH),
    channels: clampInt(form.channels, 1, BENCH_MAX_CHANNELS),
    settings: canonical(form.settings, BENCH_SETTING_CHOICES),
    methods: canonical(form.methods, BENCH_METHOD_CHOICES),
  };
}

export function formFromOptions(options: TpBenchOptions): BenchForm {
  const lmaxes = options.lmaxes.length ? options.lmaxes : [BENCH_MIN_L];
  return normalizeBenchForm({
    lmin: Math.min(...lmaxes),
    lmax: Math.max(...lmaxes),
    batch: options.batch,
    channels: options.channels,
    settings: options.settings,
    methods: options.methods,
  });
}

export function optionsFromForm(form: BenchForm, defaults: TpBenchOptions): TpBenchOptions {
  const lmaxes = Array.from({ length: form.lmax - form.lmin + 1 }, (_, i) => form.lmin + i);
  return {
    ...defaults,
    lmaxes,
    batch: form.batch,
    channels: form.channels,
    settings: [...form.settings],
    methods: [...form.methods],
  };
}

/** Steps of a run: the peak probe, then one per (setting, degree, method), as the engine counts them. */
export function benchStepCount(form: BenchForm): number {
  return 1 + form.settings.length * (form.lmax - form.lmin + 1) * form.methods.length;
}

/** Why the form cannot run, or null when it can. */
export function benchFormProblem(form: BenchForm): string | null {
  if (!form.settings.length) return 'Choose at least one setting.';
  if (!form.methods.length) return 'Choose at least one method.';
  return null;
}
