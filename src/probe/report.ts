/**
 * The probe's answer as plain data (numbers, strings, arrays): it crosses the worker boundary
 * and is printed by the CLI as JSON.
 */
import type { Verdict } from './metrics';
import type { OutputSpec } from './representation';
import type { ProbeKind, TransformationSpec } from './transformations';

/** One output under one transformation. */
export interface OutputError {
  name: string;
  /** ‖f(g·x) − ρ(g)f(x)‖ / ‖f(x)‖. */
  error: number;
  /** ‖f(g·x) − f(x)‖ / ‖f(x)‖: zero (to the tolerance) means the output is invariant under g. */
  invarianceError: number;
  tolerance: number;
  verdict: Verdict;
}

/** The subject under one transformation g. */
export interface TrialResult {
  transformation: TransformationSpec;
  /** Largest `error` over the outputs (each output is relative to its own norm). */
  error: number;
  verdict: Verdict;
  outputs: OutputError[];
}

/** One family of transformations over its random trials. */
export interface FamilyResult {
  kind: ProbeKind;
  /** Largest error over the trials. */
  error: number;
  verdict: Verdict;
  trials: TrialResult[];
}

/** f(g·x) next to ρ(g)f(x) for one output, for a side-by-side (overlaid) view. */
export interface SideBySide {
  name: string;
  irreps: string;
  perAtom: boolean;
  /** f(g·x), rows × dim. */
  actual: number[];
  /** ρ(g)f(x), rows × dim. */
  expected: number[];
}

/** A transformation the caller chose (e.g. the trackball's rotation), with the data to draw it. */
export interface CustomResult extends TrialResult {
  /** g·x, packed xyz: where to draw the outputs. */
  positions: number[];
  values: SideBySide[];
}

/** Rotations about one axis through the centroid, 0° to 360°. */
export interface SweepResult {
  axis: number[];
  /** Degrees. */
  angles: number[];
  /** Largest output error at each angle (≈ 0 at 0° and 360°, where g is the identity). */
  errors: number[];
}

/** A layer's per-atom features under the four families. */
export interface LayerResult {
  name: string;
  irreps: string;
  position: boolean;
  floor: number;
  tolerance: number;
  errors: Record<ProbeKind, number>;
  verdicts: Record<ProbeKind, Verdict>;
}

/** A declared output with what the probe measured about it on x. */
export interface OutputReport extends OutputSpec {
  /** ‖f(x)‖. */
  norm: number;
  /** Relative change of this output under one-ulp jitter of the float32 input (see metrics.ts). */
  floor: number;
  tolerance: number;
  /** f(x), rows × dim. */
  values: number[];
}

export interface ProbeReport {
  subject: string;
  numAtoms: number;
  seed: number;
  trials: number;
  outputs: OutputReport[];
  /** Largest output floor: the line the UI draws under the error plots. */
  floor: number;
  /** Largest output tolerance. */
  tolerance: number;
  families: Record<ProbeKind, FamilyResult>;
  custom: CustomResult[];
  sweep: SweepResult | null;
  /** Per-layer results where the subject exposes its layers (built-in models with `trace`). */
  layers: LayerResult[];
}

/** How far a probe has got: structures evaluated out of the total. */
export interface ProbeProgress {
  done: number;
  total: number;
}
