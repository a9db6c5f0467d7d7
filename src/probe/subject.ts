/**
 * What the probe tests: any function of structures with declared output representations —
 * a model (model-subject.ts) or an analytic function (analytic-subjects.ts).
 */
import type { Structure } from '../data/generators/types';
import type { OutputSpec } from './representation';

/** The values of every declared output for one structure, in `outputs` order (rows × dim, row-major). */
export type OutputValues = Float64Array[];

/** Per-atom features of one layer for every structure of a batch (probed like outputs). */
export interface LayerValues {
  spec: OutputSpec;
  /** One entry per structure: atoms × dim. */
  values: Float64Array[];
}

export interface SubjectEvaluation {
  /** One entry per structure. */
  outputs: OutputValues[];
  /** Present when layers were asked for and the subject has them; same layers for every call. */
  layers?: LayerValues[];
}

export interface ProbeSubject {
  readonly name: string;
  readonly outputs: readonly OutputSpec[];
  /** Whether `evaluate(…, { layers: true })` returns per-layer features. */
  readonly hasLayers: boolean;
  /**
   * Evaluates all structures together (one prepare/forward for a model: the probe's trials go
   * in one batch, since every dispatch costs the same whatever its size on small inputs).
   */
  evaluate(structures: readonly Structure[], options?: { layers?: boolean }): Promise<SubjectEvaluation>;
}

/**
 * A subject that reads species from the atom's index (i mod k) instead of the structure: the
 * same geometry in another atom order is another molecule, so the result is E(3)-equivariant
 * but not permutation-equivariant — the probe's example of a model that breaks only S_n.
 */
export function speciesByIndex(inner: ProbeSubject, numSpecies: number): ProbeSubject {
  const relabel = (s: Structure): Structure => ({
    ...s,
    species: Int32Array.from(s.species, (_, i) => i % numSpecies),
  });
  return {
    name: `${inner.name} (species by atom index)`,
    outputs: inner.outputs,
    hasLayers: inner.hasLayers,
    evaluate: (structures, options) => inner.evaluate(structures.map(relabel), options),
  };
}
