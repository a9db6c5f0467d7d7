import type { StateCreator } from 'zustand';
import type {
  CustomResult,
  EngineProbeReport,
  InferResult,
  ModelChoice,
  ProbeRequest,
  StructureChoice,
  TransformationSpec,
} from '../engine/types';
import type { EnginePort } from './engine-port';
import { describeError } from './errors';
import {
  DEFAULT_PROBE_SETTINGS,
  isSavedRunId,
  type ProbeSettings,
  sanitizeProbeSettings,
} from './probe-settings';
import type { StoreState } from './store';
import { IDENTITY3 } from './structure-slice';

/** Sweep angles evaluated per engine call: progress and cancel act between chunks. */
export const SWEEP_CHUNK = 6;
const AXES: Record<ProbeSettings['sweepAxis'], number[]> = { x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1] };

export interface SweepState {
  axis: ProbeSettings['sweepAxis'];
  /** Degrees evaluated so far and the largest output error at each. */
  angles: number[];
  errors: number[];
  /** Float32 floor and tolerance of the model on this structure (from the first chunk). */
  floor: number | null;
  tolerance: number | null;
  steps: number;
  done: boolean;
  cancelled: boolean;
}

export interface ProbeState {
  settings: ProbeSettings;
  /** What is running: a model run, the full probe, the live (trackball) probe, a sweep; null when idle. */
  busy: 'infer' | 'probe' | 'live' | 'sweep' | null;
  progress: { done: number; total: number } | null;
  error: string | null;
  inference: InferResult | null;
  /** The last full probe (families, layers). */
  report: EngineProbeReport | null;
  /** The latest single transformation probed (trackball rotation or a chosen one), with its side-by-side values. */
  live: CustomResult | null;
  /** Floor and tolerance that go with `live`. */
  liveFloor: { floor: number; tolerance: number } | null;
  sweep: SweepState | null;
  /** The structure the results belong to; results are dropped when another is loaded. */
  structureKey: object | null;
}

export interface ProbeSlice {
  probe: ProbeState;
  setProbeSettings(settings: Partial<ProbeSettings>): void;
  /** Runs the model once on the shown structure: energy, per-atom energies, forces. */
  runModel(): Promise<void>;
  /** The full probe: every family with `trials` random draws, per-layer errors, and the current rotation. */
  runProbe(): Promise<void>;
  /** Probes one transformation (default: the structure's current rotation); calls made while one runs coalesce. */
  probeTransformation(spec?: TransformationSpec): Promise<void>;
  /** Error vs angle for rotations about the chosen axis, 360°/steps apart, in chunks; `cancelProbe` stops it. */
  runSweep(): Promise<void>;
  cancelProbe(): void;
}

const emptyResults = {
  inference: null,
  report: null,
  live: null,
  liveFloor: null,
  sweep: null,
} as const;

export const createProbeSlice =
  (port: EnginePort): StateCreator<StoreState, [], [], ProbeSlice> =>
  (set, get) => {
    const patch = (p: Partial<ProbeState>) => set((s) => ({ probe: { ...s.probe, ...p } }));
    let cancel = false;
    /** The newest transformation asked for while a live probe ran (run next), or undefined. */
    let queued: TransformationSpec | undefined;

    /** The shown frame as the engine's input, and the key its results are filed under. */
    const input = (): { structure: StructureChoice; key: object; n: number } | null => {
      const { loaded, frame } = get().structure;
      const f = loaded?.frames[frame];
      if (!loaded || !f) return null;
      const n = f.positions.length / 3;
      const elements = loaded.kind === 'molecule' ? f.elements : new Array<string>(n).fill('');
      return { structure: { kind: 'atoms', positions: f.positions, elements }, key: f, n };
    };
    /**
     * The chosen model: a built-in kind, or a run saved by the Train page (its id, "run-…"), whose
     * checkpoint is read from the saved-runs store and handed to the engine with the id, so the
     * engine keeps the built model between probes.
     */
    const model = async (): Promise<ModelChoice> => {
      const s = get().probe.settings;
      if (!isSavedRunId(s.model)) return { kind: 'builtin', name: s.model, seed: s.seed };
      const run = await get().savedRunJson(s.model);
      if (!run) throw new Error('That saved training run is gone: pick another model.');
      return { kind: 'checkpoint', checkpoint: run.checkpoint, id: s.model };
    };
    /** Results of another structure or model are dropped before a new run starts. */
    const begin = (busy: ProbeState['busy'], key: object) => {
      const p = get().probe;
      patch({
        busy,
        error: null,
        progress: null,
        ...(p.structureKey === key ? {} : emptyResults),
        structureKey: key,
      });
    };
    const fail = (error: unknown) => patch({ busy: null, progress: null, error: describeError(error) });
    const stillShown = (key: object) => get().probe.structureKey === key;
    const rotationSpec = (): TransformationSpec => ({
      kind: 'rotation',
      matrix: [...get().structure.rotation],
    });
    const isIdentity = (r: readonly number[]) => r.every((v, i) => v === IDENTITY3[i]);

    return {
      probe: {
        settings: { ...DEFAULT_PROBE_SETTINGS },
        busy: null,
        progress: null,
        error: null,
        ...emptyResults,
        structureKey: null,
      },

      setProbeSettings(settings) {
        const before = get().probe.settings;
        const next = sanitizeProbeSettings({ ...before, ...settings });
        const changedModel = next.model !== before.model || next.seed !== before.seed;
        if (Object.entries(next).every(([k, v]) => before[k as keyof ProbeSettings] === v)) return;
        set((s) => ({ probe: { ...s.probe, settings: next, ...(changedModel ? emptyResults : {}) } }));
      },

      async runModel() {
        const x = input();
        if (!x || get().probe.busy) return;
        begin('infer', x.key);
        try {
          const inference = await port.engine.infer({ model: await model(), structure: x.structure });
          if (stillShown(x.key)) patch({ busy: null, inference });
        } catch (error) {
          fail(error);
        }
      },

      async runProbe() {
        const x = input();
        if (!x || get().probe.busy) return;
        begin('probe', x.key);
        const s = get().probe.settings;
        const rotation = get().structure.rotation;
        try {
          const request: ProbeRequest = {
            model: await model(),
            structure: x.structure,
            trials: s.trials,
            seed: s.seed,
            layers: true,
            custom: isIdentity(rotation) ? [] : [rotationSpec()],
          };
          let report: EngineProbeReport;
          try {
            report = await port.engine.probe(request, (progress) => patch({ progress }));
          } catch (error) {
            if ((error as { name?: string })?.name !== 'AbortError') throw error;
            patch({ busy: null, progress: null });
            return;
          }
          if (!stillShown(x.key)) return;
          patch({
            busy: null,
            progress: null,
            report,
            ...(report.custom[0] ? { live: report.custom[0] } : {}),
            liveFloor: { floor: report.floor, tolerance: report.tolerance },
          });
        } catch (error) {
          fail(error);
        }
      },

      async probeTransformation(spec) {
        const wanted = spec ?? rotationSpec();
        if (get().probe.busy === 'live') {
          queued = wanted;
          return;
        }
        const x = input();
        if (!x || get().probe.busy) return;
        begin('live', x.key);
        let next: TransformationSpec | undefined = wanted;
        try {
          while (next) {
            queued = undefined;
            const report = await port.engine.probe({
              model: await model(),
              structure: x.structure,
              trials: 1,
              seed: get().probe.settings.seed,
              layers: false,
              custom: [next],
            });
            if (!stillShown(x.key)) return;
            patch({
              live: report.custom[0] ?? null,
              liveFloor: { floor: report.floor, tolerance: report.tolerance },
            });
            next = queued;
          }
          patch({ busy: null });
        } catch (error) {
          queued = undefined;
          fail(error);
        }
      },

      async runSweep() {
        const x = input();
        if (!x || get().probe.busy) return;
        begin('sweep', x.key);
        cancel = false;
        const { sweepAxis, sweepSteps, seed } = get().probe.settings;
        const angles = Array.from({ length: sweepSteps }, (_, k) => (360 * (k + 1)) / sweepSteps);
        let sweep: SweepState = {
          axis: sweepAxis,
          angles: [0],
          errors: [0],
          floor: null,
          tolerance: null,
          steps: sweepSteps,
          done: false,
          cancelled: false,
        };
        patch({ sweep, progress: { done: 0, total: sweepSteps } });
        try {
          for (let start = 0; start < angles.length; start += SWEEP_CHUNK) {
            if (cancel) {
              sweep = { ...sweep, cancelled: true };
              break;
            }
            const chunk = angles.slice(start, start + SWEEP_CHUNK);
            const report = await port.engine.probe({
              model: await model(),
              structure: x.structure,
              trials: 1,
              seed,
              layers: false,
              custom: chunk.map((deg) => ({
                kind: 'rotation',
                axis: AXES[sweepAxis],
                angle: (deg * Math.PI) / 180,
              })),
            });
            if (!stillShown(x.key)) return;
            sweep = {
              ...sweep,
              angles: [...sweep.angles, ...chunk],
              errors: [...sweep.errors, ...report.custom.map((c) => c.error)],
              floor: sweep.floor ?? report.floor,
              tolerance: sweep.tolerance ?? report.tolerance,
            };
            patch({ sweep, progress: { done: sweep.angles.length - 1, total: sweepSteps } });
          }
          patch({ busy: null, progress: null, sweep: { ...sweep, done: !sweep.cancelled } });
        } catch (error) {
          fail(error);
        }
      },

      cancelProbe() {
        cancel = true;
        queued = undefined;
        // Stops a full probe between its batches; its promise rejects with an AbortError.
        if (get().probe.busy === 'probe') void port.engine.cancelProbe();
      },
    };
  };
