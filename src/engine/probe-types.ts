/**
 * Requests and answers of `Engine.probe` and `Engine.infer` (re-exported by types.ts). Plain data
 * only — numbers, strings, arrays (Float64Array accepted for positions) — so they cross the
 * worker boundary by structured clone and print as JSON.
 */
import type { ModelTask } from '../models/model';
import type { ProbeReport } from '../probe/report';
import type { TransformationSpec } from '../probe/transformations';

export type { Verdict as ProbeVerdict } from '../probe/metrics';
export type {
  CustomResult,
  FamilyResult,
  LayerResult,
  OutputError,
  OutputReport,
  ProbeProgress,
  ProbeReport,
  SideBySide,
  SweepResult,
  TrialResult,
} from '../probe/report';
export type { ProbeKind, TransformationSpec } from '../probe/transformations';

/**
 * The model to run:
 * - `builtin`: a model kind ("nequip", "egnn", "facet", "mlp", whatever `MODEL_KINDS` lists) as
 *   an untrained energy-and-forces model on the workbench species, weights from `seed` (default 0);
 * - `checkpoint`: the parsed JSON of a `train --save` file (or a Train-page checkpoint). Give it an
 *   `id` (e.g. the run's name) so repeated calls reuse the built model instead of rebuilding it.
 */
export type ModelChoice =
  | { kind: 'builtin'; name: string; seed?: number }
  | { kind: 'checkpoint'; checkpoint: unknown; id?: string };

/**
 * The input: atoms with element symbols (a loaded molecule; '' or unknown symbols for points),
 * or `atoms` random atoms (C, H, N, O, no two closer than 0.9 Å) drawn from `seed` (default 0).
 */
export type StructureChoice =
  | { kind: 'atoms'; positions: number[] | Float64Array; elements: string[] }
  | { kind: 'random'; atoms: number; seed?: number };

export interface ProbeRequest {
  model: ModelChoice;
  structure: StructureChoice;
  /** Random transformations per family (default 3). */
  trials?: number;
  /** Seeds the random transformations and the floor's jitter (default 0). */
  seed?: number;
  /** Per-layer errors where the model exposes its layers (default true). */
  layers?: boolean;
  /** Transformations to report one by one, with f(g·x) and ρ(g)f(x) (e.g. the trackball's rotation). */
  custom?: TransformationSpec[];
  /** Error vs angle for rotations about `axis` through the centroid, at 360°·k/steps, k = 0…steps. */
  sweep?: { axis: number[]; steps: number };
}

/** The probe's report, with the model and the structure it ran on. */
export interface EngineProbeReport extends ProbeReport {
  model: string;
  task: ModelTask;
  /** The probed structure x (random ones included), packed xyz and element symbols. */
  positions: number[];
  elements: string[];
}

export interface InferRequest {
  model: ModelChoice;
  structure: StructureChoice;
}

/** One output of a model on one structure. */
export interface InferOutput {
  name: string;
  /** e3nn irreps of one row ("0e", "1o", "8x0e"). */
  irreps: string;
  perAtom: boolean;
  /** rows × dim, row-major. */
  values: number[];
}

export interface InferResult {
  model: string;
  task: ModelTask;
  numAtoms: number;
  positions: number[];
  elements: string[];
  /** Task 'forces': the energy of the structure; otherwise null. */
  energy: number | null;
  /** Per-atom energies e_i (Σ e_i = energy) where the model exposes them; otherwise null. */
  atomEnergies: number[] | null;
  /** Task 'forces': −∂E/∂x, packed xyz per atom; otherwise null. */
  forces: number[] | null;
  /** Every declared output (energy and forces, predicted positions, or logits). */
  outputs: InferOutput[];
}
