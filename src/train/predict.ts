import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import { Context } from '../tensor/context';

/** A model's outputs on some samples, read back. */
export interface Predictions {
  /** Row-major: logits [B, K], per-atom vectors [N, 3] or energies [B, 1] (see ModelTask). */
  outputs: Float32Array;
  /** Forces −∂E/∂positions [N, 3] for task 'forces', else null. */
  forces: Float32Array | null;
}

/**
 * Runs the model on the samples, `batchSize` samples per GPU submission. For an energy model the
 * tape records the forward and the backward of ΣE to the positions only (parameters are switched
 * out of the gradient for the call), so forces cost one backward pass and touch no weights' grads.
 */
export async function predict(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  batchSize = 64,
): Promise<Predictions> {
  const withForces = model.task === 'forces';
  const chunks: Promise<Float32Array>[] = [];
  const forceChunks: Promise<Float32Array>[] = [];
  const wanted = model.parameters.map((p) => p.requiresGrad);
  if (withForces) for (const p of model.parameters) p.requiresGrad = false;
  try {
    for (let start = 0; start < samples.length; start += batchSize) {
      const batch = await model.prepare(samples.slice(start, start + batchSize));
      const ctx = withForces ? new Context(gpu) : Context.inference(gpu);
      try {
        const out = model.forward(ctx, batch);
        chunks.push(ctx.read(out));
        if (withForces) {
          ctx.backward(out, ctx.constant(1, out.shape, 'energy seed'));
          const grad = batch.positions.grad;
          if (!grad) throw new Error('predict: the energy does not depend on the positions');
          forceChunks.push(ctx.read(grad));
        }
      } finally {
        ctx.submit();
        batch.dispose();
      }
    }
    return {
      outputs: concat(await Promise.all(chunks)),
      forces: withForces ? negate(concat(await Promise.all(forceChunks))) : null,
    };
  } finally {
    model.parameters.forEach((p, i) => {
      p.requiresGrad = wanted[i];
    });
  }
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function negate(x: Float32Array): Float32Array {
  return x.map((v) => -v);
}
