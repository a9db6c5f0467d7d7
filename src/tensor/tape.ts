import type { Context } from './context';
import { shapeText, type Tensor } from './tensor';

/** What one application of a differentiable op left for its backward pass. */
export interface TapeRecord<A = unknown> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: A;
}

/** The part of an op the tape needs: its name (for messages) and its backward. */
export interface Differentiable<A = unknown> {
  readonly name: string;
  /**
   * Records kernels computing the gradient of every input with `needs[i]` from `gradOut`, the
   * gradient of the output. Returned tensors belong to `ctx`; they may alias `gradOut` or each
   * other (the tape copies before handing one to a leaf), but must never be written afterwards.
   */
  backward(
    ctx: Context,
    record: TapeRecord<A>,
    gradOut: Tensor,
    needs: readonly boolean[],
  ): (Tensor | null)[];
}

interface Entry {
  readonly op: Differentiable;
  readonly record: TapeRecord;
}

/**
 * The list of differentiable op applications of one forward pass, in order. `backward` walks it
 * in reverse, recording gradient kernels into the same batch, sums the gradients of tensors used
 * more than once (with an add kernel, in a fixed order, so results are deterministic) and gives
 * every leaf that requires a gradient its `grad`.
 */
export class Tape {
  private readonly entries: Entry[] = [];
  private readonly produced = new Set<Tensor>();

  get length(): number {
    return this.entries.length;
  }

  record<A>(op: Differentiable<A>, record: TapeRecord<A>): void {
    this.entries.push({ op: op as Differentiable, record });
    this.produced.add(record.output);
  }

  /** True for a tensor an op on this tape produced (as opposed to a leaf). */
  produces(t: Tensor): boolean {
    return this.produced.has(t);
  }

  backward(ctx: Context, loss: Tensor, seed: Tensor): void {
    const grads = new Map<Tensor, Tensor>([[loss, seed]]);
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const { op, record } = this.entries[i];
      const gradOut = grads.get(record.output);
      if (!gradOut) continue;
      const needs = record.inputs.map((t) => t.requiresGrad && t.dtype === 'f32');
      const gradsIn = op.backward(ctx, record, gradOut, needs);
      record.inputs.forEach((input, k) => {
        const g = gradsIn[k];
        if (!needs[k]) return;
        if (!g) throw new Error(`${op.name}: backward gave no gradient for input ${k} (${input})`);
        if (shapeText(g.shape) !== shapeText(input.shape)) {
          throw new Error(
            `${op.name}: gradient ${shapeText(g.shape)} for input ${k} of shape ${shapeText(input.shape)}`,
          );
        }
        const previous = grads.get(input);
        grads.set(input, previous ? ctx.sumInto(previous, g, input.shape) : g);
      });
    }
    this.assignLeafGrads(ctx, grads);
  }

  private assignLeafGrads(ctx: Context, grads: Map<Tensor, Tensor>): void {
    const given = new Set<Tensor>();
    for (const [t, g] of grads) {
      if (this.produced.has(t) || !t.requiresGrad) continue;
      // A gradient the context does not own (the caller's seed) or one already handed to another
      // leaf (ops may pass gradOut through) is copied, so each leaf owns its grad alone.
      const own = ctx.owns(g) && !given.has(g) ? g : ctx.copy(g, t.shape);
      given.add(own);
      t.disposeGrad();
      t.grad = ctx.keep(own);
    }
  }
}
