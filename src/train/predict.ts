import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';

/** A model's outputs on some samples, read back. */
export interface Predictions {
  /** Row-major: logits [B, K], per-atom vectors [N, 3] or energies [B, 1] (see ModelTask). */
  outputs: Float32Array;
  /** Forces −∂E/∂positions [N, 3] for task 'forces', else null. */
  forces: Float32Array | null;
}

/**
 * Runs `record` with the tensors out of the gradient (e.g. a model's parameters while only
 * ∂E/∂positions is wanted), then restores their flags. Synchronous on purpose: recording never
 * awaits, so a concurrent caller using the same tensors never sees them frozen.
 */
export function withFrozen<T>(tensors: readonly Tensor[], record: () => T): T {
  const before = tensors.map((t) => t.requiresGrad);
  for (const t of tensors) t.requiresGrad = false;
  try {
    return record();
  } finally {
    tensors.forEach((t, i) => {
      t.requiresGrad = before[i];
    });
  }
}

/**
 * Runs the model on the samples, `batchSize` samples per GPU submission. For an energy model the
 * tape records the forward and the backward of ΣE to the positions only (the parameters are out of
 * the gradient while recording), so forces cost one backward pass and touch no weights' grads.
 * Readbacks resolve after the submits; nothing waits on the GPU inside the loop.
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
  for (let start = 0; start < samples.length; start += batchSize) {
    const batch = await model.prepare(samples.slice(start, start + batchSize));
    const ctx = withForces ? new Context(gpu) : Context.inference(gpu);
    try {
      withFrozen(withForces ? model.parameters : [], () => {
        const out = model.forward(ctx, batch);
        chunks.push(ctx.read(out));
        if (!withForces) return;
        if (!out.requiresGrad)
          throw new Error('the energy does not depend on the positions through the tape: no forces');
        ctx.backward(out, ctx.constant(1, out.shape, 'energy seed'));
        const grad = batch.positions.grad;
        if (!grad) throw new Error('the energy does not reach the positions: no forces');
        forceChunks.push(ctx.read(grad));
      });
    } finally {
      // Submitting releases what was recorded, also after an exception; disposal waits for it.
      ctx.submit();
      batch.dispose();
    }
  }
  return {
    outputs: concat(await Promise.all(chunks)),
    forces: withForces ? concat(await Promise.all(forceChunks)).map((v) => -v) : null,
  };
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
