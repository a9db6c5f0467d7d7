import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import { Context } from '../tensor/context';
import { rotateSamples, STREAM, streamOf } from './batches';

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
  const k = model.numClasses;
  const out = new Float32Array(samples.length * k);
  for (let start = 0; start < samples.length; start += batchSize) {
    const chunk = samples.slice(start, start + batchSize);
    const batch = model.prepare(chunk);
    const ctx = Context.inference(gpu);
    let logits: Promise<Float32Array>;
    try {
      logits = ctx.read(model.forward(ctx, batch));
    } finally {
      ctx.submit();
      batch.dispose();
    }
    out.set(await logits, start * k);
  }
  return out;
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
  const inputs =
    opts.rotate === false ? samples : rotateSamples(samples, streamOf(opts.seed, STREAM.evalRotation, 0));
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

/**
 * ‖f(R·x) − f(x)‖ / ‖f(x)‖ over the samples' logits, each sample under its own random rotation:
 * zero up to float32 rounding for an invariant model, O(1) for one that is not.
 */
export async function invarianceError(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  seed: number,
): Promise<number> {
  const plain = await logitsOf(gpu, model, samples);
  const rotated = await logitsOf(gpu, model, rotateSamples(samples, streamOf(seed, STREAM.equivariance, 0)));
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < plain.length; i++) {
    diff += (rotated[i] - plain[i]) ** 2;
    norm += plain[i] ** 2;
  }
  return norm > 0 ? Math.sqrt(diff / norm) : Math.sqrt(diff);
}
