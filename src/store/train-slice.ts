import type { StateCreator } from 'zustand';
import type {
  SessionMetrics,
  TrainControlResult,
  TrainEvent,
  TrainRunInfo,
  TrainRunJson,
} from '../engine/types';
import type { MetricPoint, SavedRunStore, SavedRunSummary } from './checkpoint-store';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import type { StoreState } from './store';
import {
  DEFAULT_TRAIN_FORM,
  formFromRequest,
  normalizeTrainForm,
  requestFromForm,
  sameRequest,
  type TrainForm,
} from './train-form';

export type TrainStatus = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface LossPoint {
  step: number;
  loss: number;
}

export interface TrainState {
  form: TrainForm;
  status: TrainStatus;
  /** A control call in flight ("Starting…", "Pausing…"); the buttons wait for it. */
  busy: string | null;
  /** The run the engine holds (null before the first start, after an error). */
  run: TrainRunInfo | null;
  /** Key of the run in the saved-runs store (a restored run keeps its key). */
  savedId: string | null;
  step: number;
  steps: number;
  losses: LossPoint[];
  metrics: MetricPoint[];
  stepsPerSecond: number | null;
  elapsed: number;
  /** The latest equivariance error measured. */
  equivariance: number | null;
  error: string | null;
  notice: string | null;
  /** Saved runs, newest first; null until listed. */
  saved: SavedRunSummary[] | null;
  /** Whether saved runs persist (false where there is no IndexedDB). */
  persistent: boolean;
}

export interface TrainSlice {
  train: TrainState;
  updateTrainForm(changes: Partial<TrainForm>): void;
  /** Continues the paused run if the form still describes it, otherwise starts a new run. */
  playTraining(): Promise<void>;
  pauseTraining(): Promise<void>;
  stepTraining(): Promise<void>;
  /** The same run from scratch (fresh weights, step 0), paused. */
  resetTraining(): Promise<void>;
  /** Checkpoints the paused run into the saved-runs store. */
  saveTraining(): Promise<void>;
  loadSavedRuns(): Promise<void>;
  restoreSavedRun(id: string): Promise<void>;
  deleteSavedRun(id: string): Promise<void>;
  /** A saved run's JSON (request + checkpoint), for download. */
  savedRunJson(id: string): Promise<TrainRunJson | null>;
  /** Restores an exported run (the text of its JSON file) and keeps it as a new saved run. */
  importTrainingRun(text: string, fileName: string): Promise<void>;
}

let idCounter = 0;
/** Unique per save slot: time plus a counter plus randomness (two tabs may save at once). */
function newRunId(): string {
  idCounter++;
  return `run-${Date.now().toString(36)}-${idCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

const lastOf = <T>(a: readonly T[]): T | undefined => a[a.length - 1];

/** Adds a metric point, replacing one measured at the same step (a pause right after a periodic one). */
function withMetrics(points: readonly MetricPoint[], step: number, metrics: SessionMetrics): MetricPoint[] {
  return [...points.filter((p) => p.step !== step), { step, metrics }].sort((a, b) => a.step - b.step);
}

const initialState = (runs: SavedRunStore | null): TrainState => ({
  form: { ...DEFAULT_TRAIN_FORM },
  status: 'idle',
  busy: null,
  run: null,
  savedId: null,
  step: 0,
  steps: DEFAULT_TRAIN_FORM.steps,
  losses: [],
  metrics: [],
  stepsPerSecond: null,
  elapsed: 0,
  equivariance: null,
  error: null,
  notice: null,
  saved: runs ? null : [],
  persistent: runs !== null,
});

export const createTrainSlice =
  (port: EnginePort, runs: SavedRunStore | null): StateCreator<StoreState, [], [], TrainSlice> =>
  (set, get) => {
    const patch = (p: Partial<TrainState>) => set((s) => ({ train: { ...s.train, ...p } }));
    const t = () => get().train;
    // Events of a run can arrive before the call that started it has answered (they travel on
    // their own channel): they wait here until the run's id is known, and old runs' events are dropped.
    let early: TrainEvent[] = [];
    let listening = 0;

    const apply = (event: TrainEvent) => {
      const s = t();
      if (event.kind === 'step') {
        patch({
          step: Math.max(s.step, event.step),
          steps: event.steps,
          losses: [...s.losses.filter((p) => p.step < event.step), { step: event.step, loss: event.loss }],
          stepsPerSecond: event.stepsPerSecond,
          elapsed: event.elapsed,
        });
      } else if (event.kind === 'metrics') {
        patch({
          metrics: withMetrics(s.metrics, event.step, event.metrics),
          equivariance: event.metrics.equivariance_error,
        });
      } else if (event.reason === 'finished') {
        patch({ status: 'finished', step: event.step, notice: `Finished all ${event.step} steps.` });
        void save('auto');
      } else {
        patch({
          status: 'error',
          run: null,
          error: `Training stopped at step ${event.step}: ${event.message ?? 'unknown error'}`,
        });
      }
    };

    const listener = () => {
      const ticket = ++listening;
      early = [];
      return (event: TrainEvent) => {
        if (ticket !== listening) return;
        const run = t().run;
        if (!run) early.push(event);
        else if (event.runId === run.runId) apply(event);
      };
    };

    /** Takes over a run the engine has just built (started, reset or restored). */
    const adopt = (info: TrainRunInfo, extra: Partial<TrainState>) => {
      patch({
        run: info,
        step: info.step,
        steps: info.steps,
        losses: info.losses.map((p) => ({ ...p })),
        elapsed: info.elapsed,
        stepsPerSecond: null,
        ...extra,
      });
      const waiting = early.filter((e) => e.runId === info.runId);
      early = [];
      for (const e of waiting) apply(e);
    };

    const afterControl = (r: TrainControlResult) => {
      const s = t();
      patch({
        step: r.step,
        steps: r.steps,
        status: r.running ? 'running' : r.step >= r.steps ? 'finished' : 'paused',
        ...(r.metrics
          ? { metrics: withMetrics(s.metrics, r.step, r.metrics), equivariance: r.metrics.equivariance_error }
          : {}),
      });
    };

    const fail = (what: string, error: unknown, status?: TrainStatus) =>
      patch({ busy: null, error: `${what}: ${describeError(error)}`, ...(status ? { status } : {}) });

    async function refreshSaved(): Promise<void> {
      if (!runs) return;
      patch({ saved: await runs.list() });
    }

    async function save(how: 'auto' | 'manual'): Promise<void> {
      const s = t();
      if (!runs || !s.run || !s.savedId) return;
      const { run, savedId } = s;
      try {
        const json = await port.engine.trainCheckpoint();
        const now = t();
        const summary: SavedRunSummary = {
          id: savedId,
          savedAt: new Date().toISOString(),
          request: json.request,
          model: run.model,
          parameters: run.parameters,
          step: now.step,
          steps: now.steps,
          lastLoss: lastOf(now.losses)?.loss ?? null,
          metrics: now.metrics,
          elapsed: json.elapsed,
        };
        await runs.put(summary, json);
        await refreshSaved();
        if (how === 'manual') patch({ notice: `Saved at step ${summary.step}.` });
      } catch (error) {
        patch({ error: `Saving the checkpoint failed: ${describeError(error)}` });
      }
    }

    /** Builds a new run from the form (paused when `paused`), discarding the engine's current one. */
    async function startNew(paused: boolean): Promise<boolean> {
      const request = requestFromForm(t().form);
      patch({
        busy: 'Starting…',
        run: null,
        error: null,
        notice: null,
        losses: [],
        metrics: [],
        step: 0,
        steps: request.steps ?? DEFAULT_TRAIN_FORM.steps,
        equivariance: null,
        stepsPerSecond: null,
        elapsed: 0,
        status: paused ? 'paused' : 'running',
      });
      try {
        const info = await port.engine.trainStart(request, listener(), { paused });
        adopt(info, { busy: null, savedId: newRunId() });
        return true;
      } catch (error) {
        fail('Could not start training', error, 'idle');
        return false;
      }
    }

    /** Whether the engine's run is the one the form describes and can take more steps. */
    const continuable = () => {
      const s = t();
      return s.run !== null && s.step < s.steps && sameRequest(s.run.request, requestFromForm(s.form));
    };

    return {
      train: initialState(runs),

      updateTrainForm(changes) {
        patch({ form: normalizeTrainForm({ ...t().form, ...changes }) });
      },

      async playTraining() {
        const s = t();
        if (s.busy || s.status === 'running' || get().adapter.status !== 'ready') return;
        if (!continuable()) {
          await startNew(false);
          return;
        }
        patch({ busy: 'Resuming…', error: null, notice: null });
        try {
          afterControl(await port.engine.trainResume());
          patch({ busy: null });
        } catch (error) {
          fail('Could not resume', error);
        }
      },

      async pauseTraining() {
        if (t().status !== 'running' || t().busy) return;
        patch({ busy: 'Pausing…' });
        try {
          afterControl(await port.engine.trainPause());
          patch({ busy: null, notice: `Paused at step ${t().step}.` });
          await save('auto');
        } catch (error) {
          fail('Could not pause', error);
        }
      },

      async stepTraining() {
        const s = t();
        if (s.busy || s.status === 'running' || get().adapter.status !== 'ready') return;
        if (!continuable() && !(await startNew(true))) return;
        patch({ busy: 'Stepping…', error: null, notice: null });
        try {
          afterControl(await port.engine.trainStep());
          patch({ busy: null });
        } catch (error) {
          fail('Could not step', error);
        }
      },

      async resetTraining() {
        const s = t();
        if (s.busy || !s.run) return;
        patch({ busy: 'Resetting…', run: null, error: null, notice: null });
        try {
          const info = await port.engine.trainReset();
          adopt(info, {
            busy: null,
            status: 'paused',
            metrics: [],
            equivariance: null,
            savedId: newRunId(),
            notice: 'Reset: fresh weights at step 0.',
          });
        } catch (error) {
          fail('Could not reset', error, 'idle');
        }
      },

      async saveTraining() {
        const s = t();
        if (s.busy || !s.run || s.status === 'running') return;
        patch({ busy: 'Saving…' });
        await save('manual');
        patch({ busy: null });
      },

      async loadSavedRuns() {
        try {
          await refreshSaved();
        } catch (error) {
          patch({ saved: [], error: `Could not read the saved runs: ${describeError(error)}` });
        }
      },

      async restoreSavedRun(id) {
        const s = t();
        if (!runs || s.busy || s.status === 'running' || get().adapter.status !== 'ready') return;
        patch({ busy: 'Restoring…', error: null, notice: null });
        try {
          const [json, summary] = await Promise.all([
            runs.load(id),
            runs.list().then((all) => all.find((r) => r.id === id)),
          ]);
          if (!json || !summary) throw new Error('the saved run is gone (deleted in another tab?)');
          patch({ run: null });
          const info = await port.engine.trainRestore(json, listener());
          const metrics = summary.metrics;
          adopt(info, {
            busy: null,
            form: formFromRequest(info.request),
            savedId: id,
            status: info.step >= info.steps ? 'finished' : 'paused',
            metrics,
            equivariance: lastOf(metrics)?.metrics.equivariance_error ?? null,
            notice: `Restored at step ${info.step} of ${info.steps}.`,
          });
        } catch (error) {
          fail('Could not restore the run', error);
        }
      },

      async deleteSavedRun(id) {
        if (!runs) return;
        try {
          await runs.remove(id);
          if (t().savedId === id) patch({ savedId: newRunId() });
          await refreshSaved();
        } catch (error) {
          patch({ error: `Could not delete the run: ${describeError(error)}` });
        }
      },

      async savedRunJson(id) {
        return runs ? runs.load(id) : null;
      },

      async importTrainingRun(text, fileName) {
        const s = t();
        if (s.busy || s.status === 'running' || get().adapter.status !== 'ready') return;
        patch({ busy: 'Importing…', error: null, notice: null });
        try {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (error) {
            throw new Error(`${fileName} is not JSON (${describeError(error)})`);
          }
          patch({ run: null });
          // The engine validates the file (format, request, checkpoint against the rebuilt model).
          const info = await port.engine.trainRestore(json, listener());
          adopt(info, {
            busy: null,
            form: formFromRequest(info.request),
            savedId: newRunId(),
            status: info.step >= info.steps ? 'finished' : 'paused',
            metrics: [],
            equivariance: null,
            notice: `Imported ${fileName} at step ${info.step} of ${info.steps}.`,
          });
          await save('auto');
        } catch (error) {
          fail(`Could not import ${fileName}`, error, 'idle');
        }
      },
    };
  };
