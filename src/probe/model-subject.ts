/**
 * A Model as a probe subject. Outputs by task:
 * - 'forces': energy "0e" per structure and forces "1o" per atom, forces = −∂E/∂positions
 *   (the summed energy of the batch is back-propagated once: structures are independent);
 * - 'regression': per-atom positions "1o" (position: a translation moves them);
 * - 'classification': logits "K×0e" — a classifier that tells mirror images apart (NequIP's
 *   pseudoscalar head) is, correctly, not invariant under reflections.
 * Per-layer features come from `model.trace` where the model has it (a second, gradient-free pass).
 */
import type { Sample, Structure } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import { Context } from '../tensor/context';
import { predict } from '../train/predict';
import type { OutputSpec } from './representation';
import type { LayerValues, OutputValues, ProbeSubject, SubjectEvaluation } from './subject';

export function modelOutputs(model: Model): OutputSpec[] {
  switch (model.task) {
    case 'forces':
      return [
        { name: 'energy', irreps: '0e', perAtom: false },
        { name: 'forces', irreps: '1o', perAtom: true },
      ];
    case 'regression':
      return [{ name: 'positions', irreps: '1o', perAtom: true, position: true }];
    case 'classification':
      return [{ name: 'logits', irreps: `${model.numClasses}x0e`, perAtom: false }];
  }
}

/** Forward (and for 'forces' the backward to the positions) of one batch; raw float32 rows. */
export async function runModel(
  gpu: Gpu,
  model: Model,
  structures: readonly Structure[],
): Promise<{ output: Float32Array; forces: Float32Array | null }> {
  const samples: Sample[] = structures.map((structure) => ({ structure }));
  const { outputs, forces } = await predict(gpu, model, samples, Math.max(1, samples.length));
  return { output: outputs, forces };
}

async function traceModel(gpu: Gpu, model: Model, structures: readonly Structure[]): Promise<LayerValues[]> {
  if (!model.trace) return [];
  const batch = await model.prepare(structures.map((structure) => ({ structure })));
  try {
    const ctx = Context.inference(gpu);
    let reads: { spec: OutputSpec; data: Promise<Float32Array>; dim: number }[] = [];
    try {
      reads = model.trace(ctx, batch).map((layer) => ({
        spec: {
          name: layer.name,
          irreps: layer.irreps,
          perAtom: true,
          ...(layer.positions ? { position: true } : {}),
        },
        data: ctx.read(layer.tensor),
        dim: layer.tensor.shape[1] ?? 1,
      }));
    } finally {
      await ctx.submit();
    }
    const out: LayerValues[] = [];
    for (const r of reads) out.push({ spec: r.spec, values: splitRows(await r.data, structures, r.dim) });
    return out;
  } finally {
    batch.dispose();
  }
}

/** Rows of all atoms → one Float64Array per structure. */
function splitRows(data: Float32Array, structures: readonly Structure[], dim: number): Float64Array[] {
  const out: Float64Array[] = [];
  let at = 0;
  for (const s of structures) {
    const len = s.species.length * dim;
    out.push(Float64Array.from(data.subarray(at, at + len)));
    at += len;
  }
  return out;
}

export function modelSubject(gpu: Gpu, model: Model): ProbeSubject {
  const outputs = modelOutputs(model);
  return {
    name: model.name,
    outputs,
    hasLayers: typeof model.trace === 'function',
    async evaluate(structures, options): Promise<SubjectEvaluation> {
      const { output, forces } = await runModel(gpu, model, structures);
      const K = model.task === 'forces' ? 1 : model.numClasses;
      const perStructure = (b: number) => Float64Array.from(output.subarray(b * K, (b + 1) * K));
      const first =
        model.task === 'regression'
          ? splitRows(output, structures, 3)
          : structures.map((_, b) => perStructure(b));
      const second = forces ? splitRows(forces, structures, 3) : null;
      const values: OutputValues[] = first.map((v, b) => (second ? [v, second[b]] : [v]));
      const layers = options?.layers ? await traceModel(gpu, model, structures) : undefined;
      return { outputs: values, ...(layers ? { layers } : {}) };
    },
  };
}
