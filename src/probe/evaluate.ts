/**
 * Runs the probe's structures through a subject in batches of at most `maxBatchAtoms` atoms and
 * checks what comes back (shapes from the declared irreps, finiteness).
 */
import type { Structure } from '../data/generators/types';
import type { GroupElement } from './group';
import { type OutputSpec, type ParsedOutput, parseOutput } from './representation';
import type { ProbeSubject, SubjectEvaluation } from './subject';
import type { TransformationSpec } from './transformations';

/** One structure to evaluate: x, a jittered copy (identity) or g·x. */
export interface Job {
  structure: Structure;
  element: GroupElement;
  spec: TransformationSpec | null;
}

export interface Evaluated {
  outputs: Float64Array[];
  layers: Float64Array[];
}

/** What a cancelled probe rejects with (name 'AbortError', as fetch and the bench do). */
export function abortError(): Error {
  const e = new Error('probe cancelled');
  e.name = 'AbortError';
  return e;
}

/** Evaluates the jobs in batches of at most `maxBatchAtoms` atoms; checks shapes and finiteness. */
export async function evaluateAll(
  subject: ProbeSubject,
  jobs: readonly Job[],
  layers: boolean,
  options: {
    maxBatchAtoms: number;
    onProgress?: (p: { done: number; total: number }) => void;
    signal?: AbortSignal;
  },
): Promise<{ results: Evaluated[]; layerSpecs: OutputSpec[] }> {
  const budget = options.maxBatchAtoms;
  const outputs = subject.outputs.map(parseOutput);
  const results: Evaluated[] = [];
  let layerSpecs: OutputSpec[] | null = null;
  let start = 0;
  while (start < jobs.length) {
    if (options.signal?.aborted) throw abortError();
    let end = start + 1;
    let atoms = jobs[start].structure.species.length;
    while (end < jobs.length && atoms + jobs[end].structure.species.length <= budget) {
      atoms += jobs[end].structure.species.length;
      end++;
    }
    const chunk = jobs.slice(start, end).map((j) => j.structure);
    const evaluation: SubjectEvaluation = await subject.evaluate(chunk, { layers });
    const chunkLayers = layers ? (evaluation.layers ?? []) : [];
    layerSpecs ??= chunkLayers.map((l) => l.spec);
    chunk.forEach((s, k) => {
      const n = s.species.length;
      const values = evaluation.outputs[k];
      for (const [o, spec] of outputs.entries()) checkShape(spec, values?.[o], n, `output "${spec.name}"`);
      for (const l of chunkLayers) checkShape(parseOutput(l.spec), l.values[k], n, `layer "${l.spec.name}"`);
      results.push({ outputs: values, layers: chunkLayers.map((l) => l.values[k]) });
    });
    start = end;
    options.onProgress?.({ done: start, total: jobs.length });
  }
  return { results, layerSpecs: layerSpecs ?? [] };
}

function checkShape(
  spec: ParsedOutput,
  values: Float64Array | undefined,
  numAtoms: number,
  what: string,
): void {
  const expected = (spec.perAtom ? numAtoms : 1) * spec.dim;
  if (!values || values.length !== expected)
    throw new RangeError(
      `${what}: expected ${expected} values (irreps ${spec.irreps}), got ${values?.length ?? 0}`,
    );
  if (!values.every(Number.isFinite)) throw new RangeError(`${what}: the subject returned non-finite values`);
}
