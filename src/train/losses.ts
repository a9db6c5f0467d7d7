import type { PreparedBatch } from '../models/model';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';

/** Mean softmax cross-entropy of logits [B, classes] against the batch's labels. */
export function classificationLoss(ctx: Context, logits: Tensor, batch: PreparedBatch): Tensor {
  if (!batch.labels) throw new RangeError('classification loss: the batch has samples without labels');
  return ops.crossEntropy(ctx, logits, batch.labels);
}
