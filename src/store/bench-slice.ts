import type { StateCreator } from 'zustand';
import type { TpBenchRow } from '../bench/tp-bench';
import type { BenchProgress, TpBenchOptions, TpBenchReport } from '../engine/types';
import {
  type BenchForm,
  benchFormProblem,
  benchStepCount,
  formFromOptions,
  normalizeBenchForm,
  optionsFromForm,
} from './bench-options';
import {
  type KeyValueStorage,
  loadBenchForm,
  loadBenchReport,
  saveBenchForm,
  saveBenchReport,
} from './bench-storage';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import type { StoreState } from './store';

export type BenchPhase = 'idle' | 'running' | 'cancelling';

export interface BenchState {
  /** The engine's sizes for this adapter; also supplies the CPU batch and timing the form does not show. */
  defaults: TpBenchOptions | null;
  /** null until the defaults arrive. */
  form: BenchForm | null;
  phase: BenchPhase;
  /** The latest step of the current (or last) run; its `row` is moved to `liveRows`. */
  progress: Omit<BenchProgress, 'row'> | null;
  /** Rows of the run in progress, in the order they finished. */
  liveRows: TpBenchRow[];
  /** The last complete report: survives errors, cancels and (through storage) reloads. */
  report: TpBenchReport | null;
  error: string | null;
  /** Outcome of a cancelled run. */
  notice: string | null;
}

export interface BenchSlice {
  bench: BenchState;
  /** Fetches the adapter's default sizes once the GPU is ready; a form the user chose (now or on an earlier visit) wins. */
  loadBenchDefaults(): Promise<void>;
  updateBenchForm(changes: Partial<BenchForm>): void;
  runBench(): Promise<void>;
  /** Asks the engine to stop after the row it is measuring. */
  cancelBench(): Promise<void>;
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

export const createBenchSlice =
  (port: EnginePort, storage: KeyValueStorage | null): StateCreator<StoreState, [], [], BenchSlice> =>
  (set, get) => {
    const patch = (p: Partial<BenchState>) => set((s) => ({ bench: { ...s.bench, ...p } }));
    // Progress from an older run (there is at most one, but a late callback can still arrive) is ignored.
    let runTicket = 0;
    let cancelRequested = false;
    // The sizes chosen on an earlier visit; they apply once the engine's defaults have arrived.
    const storedForm = loadBenchForm(storage);

    return {
      bench: {
        defaults: null,
        form: null,
        phase: 'idle',
        progress: null,
        liveRows: [],
        report: loadBenchReport(storage),
        error: null,
        notice: null,
      },

      async loadBenchDefaults() {
        if (get().adapter.status !== 'ready' || get().bench.defaults) return;
        try {
          const defaults = await port.engine.benchDefaults();
          patch({ defaults, form: get().bench.form ?? storedForm ?? formFromOptions(defaults) });
        } catch (error) {
          patch({ error: `Benchmark defaults: ${describeError(error)}` });
        }
      },

      updateBenchForm(changes) {
        const { form } = get().bench;
        if (!form) return;
        const next = normalizeBenchForm({ ...form, ...changes }, changes);
        patch({ form: next });
        saveBenchForm(storage, next);
      },

      async runBench() {
        const { bench, adapter } = get();
        if (bench.phase !== 'idle' || !bench.form || !bench.defaults || adapter.status !== 'ready') return;
        if (benchFormProblem(bench.form)) return;
        const ticket = ++runTicket;
        cancelRequested = false;
        const total = benchStepCount(bench.form);
        patch({
          phase: 'running',
          progress: { done: 0, total, label: 'starting' },
          liveRows: [],
          error: null,
          notice: null,
        });
        // Progress crosses the worker boundary on its own channel, so the last step can arrive after
        // benchTp has settled; once settled, late steps are dropped.
        let settled = false;
        const onProgress = ({ row, ...step }: BenchProgress) => {
          if (settled || ticket !== runTicket) return;
          if (!row) return patch({ progress: step });
          // The engine names the row it has just finished; say so, or it reads as the one running now.
          patch({
            progress: { ...step, label: `measured ${step.label}` },
            liveRows: [...get().bench.liveRows, row],
          });
        };
        try {
          const report = await port.engine.benchTp(optionsFromForm(bench.form, bench.defaults), onProgress);
          settled = true;
          if (ticket !== runTicket) return;
          saveBenchReport(storage, report);
          patch({
            phase: 'idle',
            report,
            liveRows: [],
            progress: { done: total, total, label: 'finished' },
          });
        } catch (error) {
          settled = true;
          if (ticket !== runTicket) return;
          const done = get().bench.progress?.done ?? 0;
          if (cancelRequested || isAbort(error)) {
            patch({
              phase: 'idle',
              liveRows: [],
              progress: { done, total, label: 'cancelled' },
              notice: `Cancelled after ${done} of ${total} steps. ${
                get().bench.report ? 'The results shown are from the last complete run.' : ''
              }`.trim(),
            });
          } else {
            // The last complete report stays on screen; the error says what went wrong with this run.
            patch({
              phase: 'idle',
              liveRows: [],
              progress: { done, total, label: 'failed' },
              error: `Benchmark failed: ${describeError(error)}`,
            });
          }
        }
      },

      async cancelBench() {
        if (get().bench.phase !== 'running') return;
        cancelRequested = true;
        patch({ phase: 'cancelling' });
        try {
          await port.engine.cancelBench();
        } catch (error) {
          patch({ error: `Cancel: ${describeError(error)}` });
        }
      },
    };
  };
