import type { TpBenchReport } from '../engine/types';
import { type BenchForm, normalizeBenchForm } from './bench-options';

/** The part of Web Storage the store uses; tests pass a Map-backed fake, Node has none. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const BENCH_REPORT_KEY = 'gauntlet-bench-report';
const BENCH_FORM_KEY = 'gauntlet-bench-form';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Whether a stored value still has the shape the page reads. Storage outlives code versions and
 * can be edited by hand, so a report from an older build is dropped rather than half-rendered.
 */
export function isTpBenchReport(value: unknown): value is TpBenchReport {
  if (!isObject(value) || !isObject(value.adapter) || !isObject(value.peak) || !isObject(value.options))
    return false;
  if (typeof value.adapter.name !== 'string' || typeof value.date !== 'string') return false;
  if (!isNumber(value.peak.fma_gflops) || !isNumber(value.peak.copy_gbps)) return false;
  if (!Array.isArray(value.rows)) return false;
  return value.rows.every(
    (row) =>
      isObject(row) &&
      typeof row.method === 'string' &&
      typeof row.setting === 'string' &&
      isNumber(row.lmax) &&
      isNumber(row.batch) &&
      isNumber(row.fwd_ms) &&
      isNumber(row.fwdbwd_ms) &&
      isNumber(row.gflops),
  );
}

/** The page's localStorage, or null where there is none (Node) or it is blocked (sandboxed frames). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadBenchReport(storage: KeyValueStorage | null): TpBenchReport | null {
  try {
    const text = storage?.getItem(BENCH_REPORT_KEY);
    if (!text) return null;
    const value: unknown = JSON.parse(text);
    return isTpBenchReport(value) ? value : null;
  } catch {
    return null; // unreadable or corrupt: behave as if nothing was stored
  }
}

/** Best effort: a full or disabled storage only costs the report after a reload. */
export function saveBenchReport(storage: KeyValueStorage | null, report: TpBenchReport): void {
  try {
    storage?.setItem(BENCH_REPORT_KEY, JSON.stringify(report));
  } catch {
    // quota exceeded or storage disabled
  }
}

/** The sizes the user last chose, normalized (storage may hold an older or edited form), or null. */
export function loadBenchForm(storage: KeyValueStorage | null): BenchForm | null {
  try {
    const value: unknown = JSON.parse(storage?.getItem(BENCH_FORM_KEY) ?? 'null');
    if (!isObject(value)) return null;
    const { lmin, lmax, batch, channels, settings, methods } = value;
    if (![lmin, lmax, batch, channels].every(isNumber)) return null;
    if (!Array.isArray(settings) || !Array.isArray(methods)) return null;
    return normalizeBenchForm({ lmin, lmax, batch, channels, settings, methods } as BenchForm);
  } catch {
    return null;
  }
}

export function saveBenchForm(storage: KeyValueStorage | null, form: BenchForm): void {
  try {
    storage?.setItem(BENCH_FORM_KEY, JSON.stringify(form));
  } catch {
    // not persisted; the form still applies for this visit
  }
}
