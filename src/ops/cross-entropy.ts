import { encodeCrossEntropy, encodeCrossEntropyBackward } from '../kernels/nn/cross-entropy';
import { encodeReduce } from '../kernels/nn/reduce';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { pad4 } from './broadcast';
import { apply, expectF32, expectRank, f64, type HostTensor, host, type OpDef } from './op';

function check(logits: { shape: readonly number[] }, labels: { shape: readonly number[] }): [number, number] {
  expectRank('cross_entropy', logits, 2, 'logits');
  expectRank('cross_entropy', labels, 1, 'labels');
  const [rows, classes] = logits.shape;
  if (labels.shape[0] !== rows)
    throw new RangeError(`cross_entropy: ${labels.shape[0]} labels for ${rows} rows`);
  if (classes < 1) throw new RangeError('cross_entropy: no classes');
  return [rows, classes];
}

function labelsOf(t: HostTensor, classes: number): Uint32Array {
  if (!(t.data instanceof Uint32Array)) throw new TypeError('cross_entropy: labels must be u32');
  for (const l of t.data)
    if (l >= classes) throw new RangeError(`cross_entropy: label ${l} ≥ ${classes} classes`);
  return t.data;
}

/** Per-row softmax probabilities and losses in float64 (max subtracted, as the kernel does). */
function softmax64(z: Float64Array, labels: Uint32Array, rows: number, classes: number) {
  const p = new Float64Array(z.length);
  const losses = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = z.subarray(r * classes, (r + 1) * classes);
    const top = Math.max(...row);
    const total = row.reduce((s, v) => s + Math.exp(v - top), 0);
    row.forEach((v, c) => {
      p[r * classes + c] = Math.exp(v - top) / total;
    });
    losses[r] = Math.log(total) + top - row[labels[r]];
  }
  return { p, losses };
}

/**
 * Mean softmax cross-entropy of logits [N, C] against u32 labels [N] → a scalar. Labels must be
 * < C (checked by the twin; the GPU kernel does not check them).
 */
export const crossEntropyOp: OpDef = {
  name: 'cross_entropy',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [logits, labels]) {
    expectF32('cross_entropy', logits);
    if (labels.dtype !== 'u32') throw new TypeError('cross_entropy: labels must be a u32 tensor');
    const [rows, classes] = check(logits, labels);
    const perRow = ctx.alloc([rows], 'cross_entropy rows');
    encodeCrossEntropy(ctx.batch, rows, classes, logits.buffer, labels.buffer, perRow.buffer);
    const loss = ctx.alloc([], 'cross_entropy');
    const plan = { inShape: pad4([rows]), keep: [true, true, true, false], scale: 1 / rows };
    encodeReduce(ctx.batch, plan, perRow.buffer, loss.buffer);
    return loss;
  },
  backward(ctx, { inputs: [logits, labels] }, gy) {
    const [rows, classes] = check(logits, labels);
    const g = ctx.alloc(logits.shape, 'cross_entropy grad');
    encodeCrossEntropyBackward(ctx.batch, rows, classes, logits.buffer, labels.buffer, gy.buffer, g.buffer);
    return [g, null];
  },
  forward64([logits, labels]) {
    const [rows, classes] = check(logits, labels);
    const { losses } = softmax64(f64(logits), labelsOf(labels, classes), rows, classes);
    return host(new Float64Array([losses.reduce((s, v) => s + v, 0) / rows]), []);
  },
  backward64([logits, labels], _attrs, [gy]) {
    const [rows, classes] = check(logits, labels);
    const y = labelsOf(labels, classes);
    const { p } = softmax64(f64(logits), y, rows, classes);
    const onehot = (i: number) => (y[Math.floor(i / classes)] === i % classes ? 1 : 0);
    return [p.map((v, i) => (gy * (v - onehot(i))) / rows), null];
  },
  cases: (rng) =>
    [
      [20, 5],
      [3, 130],
    ].map(([rows, classes]) => ({
      label: `${rows} rows × ${classes} classes`,
      inputs: [
        host(
          rng.normals(rows * classes).map((v) => 4 * v),
          [rows, classes],
        ),
        host(
          Uint32Array.from({ length: rows }, () => rng.int(classes)),
          [rows],
        ),
      ],
      attrs: undefined,
    })),
};

/** Mean softmax cross-entropy of logits [N, C] against u32 labels [N] (a Tensor of dtype 'u32'). */
export const crossEntropy = (ctx: Context, logits: Tensor, labels: Tensor): Tensor =>
  apply(ctx, crossEntropyOp, [logits, labels], undefined);
