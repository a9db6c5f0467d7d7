import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import { applyToVectors, randomRotation as randomRotationFrom } from '../o3/rotation';
import { rotateSample, rotateSamples, STREAM, streamOf } from './batches';
import { predict } from './predict';

export interface EvalReport {
  samples: number;
  /** Fraction of samples whose largest logit is their label. */
  accuracy: number;
  /** confusion[label][predicted] counts. */
  confusion: number[][];
  predictions: Uint32Array;
}

/** Logits [samples.length × numClasses] in inference mode, `batchSize` samples per submit. */
export async function logitsOf(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  batchSize = 64,
): Promise<Float32Array> {
  return (await predict(gpu, model, samples, batchSize)).outputs;
}

/** Index of the largest value in each row (the first on ties). */
export function argmaxRows(values: ArrayLike<number>, cols: number): Uint32Array {
  const rows = values.length / cols;
  const out = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (values[r * cols + c] > values[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** The samples each under its own random rotation, or as they are when `rotate` is false. */
function evaluationInputs(samples: readonly Sample[], opts: { seed: number; rotate?: boolean }): Sample[] {
  return opts.rotate === false
    ? [...samples]
    : rotateSamples(samples, streamOf(opts.seed, STREAM.evalRotation, 0));
}

/**
 * Accuracy and confusion on held-out samples, each first turned by its own random rotation
 * (seeded by `seed`, unless `rotate` is false): a model scores well only if it generalises across
 * orientations.
 */
export async function evaluate(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  opts: { seed: number; rotate?: boolean },
): Promise<EvalReport> {
  const inputs = evaluationInputs(samples, opts);
  const k = model.numClasses;
  const predictions = argmaxRows(await logitsOf(gpu, model, inputs), k);
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  inputs.forEach((s, i) => {
    if (s.label === undefined) throw new RangeError(`evaluate: sample ${i} has no label`);
    confusion[s.label][predictions[i]]++;
    if (s.label === predictions[i]) correct++;
  });
  return {
    samples: inputs.length,
    accuracy: inputs.length ? correct / inputs.length : 0,
    confusion,
    predictions,
  };
}

/** Regression and force-field metrics on held-out samples (rotated like `evaluate`). */
export interface RegressionReport {
  samples: number;
  /** Regression: mean squared error of the per-atom vectors (n-body: positions). */
  mse?: number;
  /** Forces task: mean |E − E*| per structure and mean |F − F*| per force component. */
  energyMae?: number;
  forceMae?: number;
}

function concatTargets(
  samples: readonly Sample[],
  pick: (s: Sample) => Float64Array | undefined,
  what: string,
) {
  return samples.flatMap((s, i) => {
    const v = pick(s);
    if (!v) throw new RangeError(`evaluate: sample ${i} has no ${what}`);
    return Array.from(v);
  });
}

export async function evaluateRegression(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  opts: { seed: number; rotate?: boolean },
): Promise<RegressionReport> {
  const inputs = evaluationInputs(samples, opts);
  const { outputs, forces } = await predict(gpu, model, inputs);
  if (model.task === 'regression') {
    const target = concatTargets(inputs, (s) => s.target, 'vector target');
    const mse = target.reduce((acc, t, i) => acc + (outputs[i] - t) ** 2, 0) / Math.max(1, target.length);
    return { samples: inputs.length, mse };
  }
  if (model.task === 'forces' && forces) {
    const energyMae =
      inputs.reduce((acc, s, i) => {
        if (s.energy === undefined) throw new RangeError(`evaluate: sample ${i} has no energy`);
        return acc + Math.abs(outputs[i] - s.energy);
      }, 0) / Math.max(1, inputs.length);
    const target = concatTargets(inputs, (s) => s.forces, 'forces');
    const forceMae =
      target.reduce((acc, t, i) => acc + Math.abs(forces[i] - t), 0) / Math.max(1, target.length);
    return { samples: inputs.length, energyMae, forceMae };
  }
  throw new RangeError(`evaluateRegression: a ${model.task} model has no regression metrics`);
}

/** ‖a − b‖ / ‖b‖ (‖a − b‖ when b is zero). */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return norm > 0 ? Math.sqrt(diff / norm) : Math.sqrt(diff);
}

/**
 * Equivariance error of the model's outputs, each sample under its own random rotation R:
 * ‖f(R·x) − ρ(R)f(x)‖/‖f(x)‖ with ρ the identity for logits and energies and R for per-atom
 * vectors and forces (the larger of the energy and force errors for an energy model). Zero up to
 * float32 rounding for an equivariant model, O(1) for one that is not.
 */
export async function invarianceError(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  seed: number,
): Promise<number> {
  const rng = streamOf(seed, STREAM.equivariance, 0);
  const rotations = samples.map(() => randomRotationFrom(rng));
  const rotated = samples.map((s, i) => rotateSample(s, rotations[i]));
  const plain = await predict(gpu, model, samples);
  const turned = await predict(gpu, model, rotated);
  if (model.task === 'classification') return relativeDifference(turned.outputs, plain.outputs);
  if (model.task === 'regression')
    return relativeDifference(turned.outputs, rotatePerAtom(samples, rotations, plain.outputs));
  const energy = relativeDifference(turned.outputs, plain.outputs);
  const forces = relativeDifference(
    turned.forces ?? [],
    rotatePerAtom(samples, rotations, plain.forces ?? []),
  );
  return Math.max(energy, forces);
}

/** Each sample's rows of a per-atom [N, 3] array turned by that sample's rotation. */
function rotatePerAtom(
  samples: readonly Sample[],
  rotations: Float64Array[],
  values: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(values.length);
  let at = 0;
  samples.forEach((s, i) => {
    const n = 3 * s.structure.species.length;
    out.set(
      applyToVectors(
        rotations[i],
        Float64Array.from({ length: n }, (_, k) => values[at + k]),
      ),
      at,
    );
    at += n;
  });
  return out;
}
