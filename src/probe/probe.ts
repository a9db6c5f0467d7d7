/**
 * The equivariance probe: evaluate a subject on x, on one-ulp jittered copies of x (the float32
 * floor) and on g·x for random g of every family (plus any transformations the caller chose and
 * an optional rotation sweep), all in as few batches as the atom budget allows, then compare
 * f(g·x) with ρ(g)f(x) output by output and layer by layer.
 */
import type { Structure } from '../data/generators/types';
import { Rng } from '../util/random';
import { evaluateAll, type Job } from './evaluate';
import { centroid, type GroupElement, IDENTITY } from './group';
import { combineVerdicts, relativeError, tolerance, ulpJitter, type Verdict, verdictOf } from './metrics';
import type {
  CustomResult,
  FamilyResult,
  LayerResult,
  OutputError,
  OutputReport,
  ProbeProgress,
  ProbeReport,
  TrialResult,
} from './report';
import { applyRepresentation, type ParsedOutput, parseOutput } from './representation';
import type { ProbeSubject } from './subject';
import {
  axisRotation,
  PROBE_KINDS,
  type ProbeKind,
  randomTransformation,
  type TransformationSpec,
  transformStructure,
} from './transformations';

export { abortError } from './evaluate';

export interface ProbeOptions {
  /** Random transformations per family (default 3). */
  trials?: number;
  seed?: number;
  /** Probe per-layer features when the subject has them (default true). */
  layers?: boolean;
  /** One-ulp jittered copies for the floor (default 2). */
  jitter?: number;
  /** Extra transformations, reported one by one with their side-by-side values. */
  custom?: readonly TransformationSpec[];
  /** Rotation sweep about `axis` through the centroid, at 360°·k/steps for k = 0…steps. */
  sweep?: { axis: readonly number[]; steps: number };
  /** Most atoms per evaluate call (structures are never split). */
  maxBatchAtoms?: number;
  onProgress?: (p: ProbeProgress) => void;
  signal?: AbortSignal;
}

export const PROBE_DEFAULTS = { trials: 3, seed: 0, jitter: 2, maxBatchAtoms: 4096 } as const;

export async function runProbe(
  subject: ProbeSubject,
  structure: Structure,
  options: ProbeOptions = {},
): Promise<ProbeReport> {
  const trials = options.trials ?? PROBE_DEFAULTS.trials;
  const seed = options.seed ?? PROBE_DEFAULTS.seed;
  const jitter = options.jitter ?? PROBE_DEFAULTS.jitter;
  if (!(Number.isInteger(trials) && trials >= 1))
    throw new RangeError(`trials must be an integer ≥ 1, got ${trials}`);
  if (!(Number.isInteger(jitter) && jitter >= 1))
    throw new RangeError(`jitter must be an integer ≥ 1, got ${jitter}`);
  const numAtoms = structure.species.length;
  if (numAtoms < 1) throw new RangeError('the probe needs a structure with at least one atom');
  const outputs = subject.outputs.map(parseOutput);
  const rng = new Rng(seed);
  const scale = sizeOf(structure.positions);

  // Every structure the probe evaluates, in one list: x, the jittered copies, then the trials.
  const jobs: Job[] = [{ structure, element: IDENTITY, spec: null }];
  for (let j = 0; j < jitter; j++) {
    const positions = ulpJitter(structure.positions, () => rng.next());
    jobs.push({ structure: { ...structure, positions }, element: IDENTITY, spec: null });
  }
  const push = (spec: TransformationSpec): number => {
    const { structure: moved, element } = transformStructure(spec, structure);
    jobs.push({ structure: moved, element, spec });
    return jobs.length - 1;
  };
  const familyJobs = Object.fromEntries(
    PROBE_KINDS.map((kind) => [
      kind,
      Array.from({ length: trials }, () => push(randomTransformation(kind, rng, numAtoms, scale))),
    ]),
  ) as Record<ProbeKind, number[]>;
  const customJobs = (options.custom ?? []).map(push);
  const sweep = options.sweep;
  if (sweep && !(Number.isInteger(sweep.steps) && sweep.steps >= 1 && sweep.steps <= 3600))
    throw new RangeError(`sweep steps must be an integer from 1 to 3600, got ${sweep.steps}`);
  const angles = sweep ? Array.from({ length: sweep.steps + 1 }, (_, k) => (360 * k) / sweep.steps) : [];
  const sweepJobs = sweep ? angles.map((deg) => push(axisRotation(sweep.axis, (deg * Math.PI) / 180))) : [];

  const wantLayers = (options.layers ?? true) && subject.hasLayers;
  const { results, layerSpecs } = await evaluateAll(subject, jobs, wantLayers, {
    maxBatchAtoms: options.maxBatchAtoms ?? PROBE_DEFAULTS.maxBatchAtoms,
    onProgress: options.onProgress,
    signal: options.signal,
  });

  const base = results[0];
  const jittered = results.slice(1, 1 + jitter);
  const floors = outputs.map((_, o) =>
    Math.max(...jittered.map((r) => relativeError(r.outputs[o], base.outputs[o], base.outputs[o]))),
  );
  const tols = floors.map(tolerance);

  const trialOf = (index: number): TrialResult => {
    const job = jobs[index];
    const errors = outputs.map((spec, o) =>
      outputError(spec, job.element, results[index].outputs[o], base.outputs[o], tols[o]),
    );
    return {
      transformation: job.spec as TransformationSpec,
      error: Math.max(...errors.map((e) => e.error)),
      verdict: combineVerdicts(errors.map((e) => e.verdict)),
      outputs: errors,
    };
  };
  const families = Object.fromEntries(
    PROBE_KINDS.map((kind): [ProbeKind, FamilyResult] => {
      const list = familyJobs[kind].map(trialOf);
      return [
        kind,
        {
          kind,
          error: Math.max(...list.map((t) => t.error)),
          verdict: combineVerdicts(list.map((t) => t.verdict)),
          trials: list,
        },
      ];
    }),
  ) as Record<ProbeKind, FamilyResult>;

  const custom = customJobs.map((index): CustomResult => {
    const job = jobs[index];
    return {
      ...trialOf(index),
      positions: Array.from(job.structure.positions),
      values: outputs.map((spec, o) => ({
        name: spec.name,
        irreps: spec.irreps,
        perAtom: spec.perAtom,
        actual: Array.from(results[index].outputs[o]),
        expected: Array.from(applyRepresentation(spec, job.element, base.outputs[o])),
      })),
    };
  });

  const layers = layerSpecs.map((spec, l): LayerResult => {
    const parsed = parseOutput(spec);
    const floor = Math.max(
      ...jittered.map((r) => relativeError(r.layers[l], base.layers[l], base.layers[l])),
    );
    const tol = tolerance(floor);
    const errors = {} as Record<ProbeKind, number>;
    const verdicts = {} as Record<ProbeKind, Verdict>;
    for (const kind of PROBE_KINDS) {
      const list = familyJobs[kind].map((index) =>
        outputError(parsed, jobs[index].element, results[index].layers[l], base.layers[l], tol),
      );
      errors[kind] = Math.max(...list.map((e) => e.error));
      verdicts[kind] = combineVerdicts(list.map((e) => e.verdict));
    }
    return {
      name: spec.name,
      irreps: spec.irreps,
      position: !!spec.position,
      floor,
      tolerance: tol,
      errors,
      verdicts,
    };
  });

  const outputReports = outputs.map(
    (spec, o): OutputReport => ({
      name: spec.name,
      irreps: spec.irreps,
      perAtom: spec.perAtom,
      ...(spec.position ? { position: true } : {}),
      norm: norm(base.outputs[o]),
      floor: floors[o],
      tolerance: tols[o],
      values: Array.from(base.outputs[o]),
    }),
  );
  return {
    subject: subject.name,
    numAtoms,
    seed,
    trials,
    outputs: outputReports,
    floor: Math.max(...floors),
    tolerance: Math.max(...tols),
    families,
    custom,
    sweep: sweep
      ? {
          axis: Array.from(sweep.axis),
          angles,
          errors: sweepJobs.map((index) => trialOf(index).error),
        }
      : null,
    layers,
  };
}

function outputError(
  spec: ParsedOutput,
  g: GroupElement,
  actual: Float64Array,
  original: Float64Array,
  tol: number,
): OutputError {
  const expected = applyRepresentation(spec, g, original);
  const error = relativeError(actual, expected, original);
  const invarianceError = relativeError(actual, original, original);
  return {
    name: spec.name,
    error,
    invarianceError,
    tolerance: tol,
    verdict: verdictOf(error, invarianceError, tol),
  };
}

/** RMS distance of the atoms from their centroid, at least 1 (translations of about this size). */
function sizeOf(positions: Float64Array): number {
  const n = positions.length / 3;
  const c = centroid(positions);
  let sum = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) sum += (positions[3 * i + k] - c[k]) ** 2;
  return Math.max(1, Math.sqrt(sum / n));
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}
