import type { Batch } from '../gpu/batch';
import type { Gpu } from '../gpu/runtime';
import { encodeBinary } from '../kernels/nn/binary';
import { type Differentiable, Tape, type TapeRecord } from './tape';
import { type DType, type PendingWork, shapeText, Tensor } from './tensor';

export interface ContextOptions {
  /** Record ops for backward (default true). `Context.inference` turns it off. */
  grad?: boolean;
  /** Fill every allocation with NaN, so an element a kernel forgets to write shows (tests). */
  poison?: boolean;
}

interface Readback {
  source: Tensor;
  staging: GPUBuffer;
  resolve: (data: Float32Array) => void;
  reject: (err: unknown) => void;
}

// Numeric GPUBufferUsage flags (the global exists only once WebGPU is loaded).
const READBACK_USAGE = 0x0001 | 0x0008; // MAP_READ | COPY_DST

/**
 * One step of GPU work: every op records into one `Batch`, which `submit()` sends in a single
 * queue submission. With grad enabled, differentiable ops are also recorded on a `Tape`, and
 * `backward(loss)` records the gradient kernels into the same batch. Tensors the ops allocate are
 * owned by the context and returned to the pool right after the submit, except those passed to
 * `keep()` (which the caller then disposes) and leaf gradients (owned by their leaf).
 * A context is single-use: make a new one per step.
 */
export class Context implements PendingWork {
  readonly batch: Batch;
  readonly tape = new Tape();
  private gradEnabled: boolean;
  private readonly poison: boolean;
  private done = false;
  private readonly owned = new Set<Tensor>();
  private readonly touched = new Set<Tensor>();
  private readonly deferred: Tensor[] = [];
  private readonly readbacks: Readback[] = [];

  constructor(
    readonly gpu: Gpu,
    opts: ContextOptions = {},
  ) {
    this.batch = gpu.batch();
    this.gradEnabled = opts.grad ?? true;
    this.poison = opts.poison ?? false;
  }

  /** A context that records nothing for backward (inference, evaluation). */
  static inference(gpu: Gpu): Context {
    return new Context(gpu, { grad: false });
  }

  get submitted(): boolean {
    return this.done;
  }

  /** Whether ops applied now are recorded for backward. */
  get recording(): boolean {
    return this.gradEnabled;
  }

  /** Runs `fn` with recording off: nothing it computes gets a gradient; its tensors are still freed at submit. */
  noGrad<T>(fn: () => T): T {
    const previous = this.gradEnabled;
    this.gradEnabled = false;
    try {
      return fn();
    } finally {
      this.gradEnabled = previous;
    }
  }

  /** A tensor owned by this context (freed after submit unless kept). Contents are unspecified. */
  alloc(shape: readonly number[], label: string, dtype: DType = 'f32'): Tensor {
    this.assertOpen('allocate');
    const t = Tensor.empty(this.gpu, shape, { label, dtype });
    // A fresh pool buffer is in no unsubmitted batch, so this upload cannot overtake recorded work.
    if (this.poison && dtype === 'f32') t.write(new Float32Array(t.size).fill(Number.NaN));
    this.owned.add(t);
    this.use(t);
    return t;
  }

  /** An owned tensor filled with `value` (uploaded: safe, as a fresh buffer is not in use). */
  constant(value: number, shape: readonly number[], label = 'constant'): Tensor {
    this.assertOpen('allocate');
    const t = Tensor.from(this.gpu, new Float32Array(shape.reduce((p, d) => p * d, 1)).fill(value), shape, {
      label,
    });
    this.owned.add(t);
    this.use(t);
    return t;
  }

  /** Marks tensors as used by this batch: disposing them now defers the release to the submit. */
  use(...tensors: Tensor[]): void {
    this.assertOpen('record');
    for (const t of tensors) {
      if (t.disposed) throw new Error(`${t} used after dispose()`);
      if (t.pending && t.pending !== this && !t.pending.submitted) {
        throw new Error(`${t} is in use by another unsubmitted context; submit that one first`);
      }
      t.pending = this;
      this.touched.add(t);
    }
  }

  owns(t: Tensor): boolean {
    return this.owned.has(t);
  }

  /** Takes `t` out of this context's ownership: it survives the submit and the caller disposes it. */
  keep<T extends Tensor>(t: T): T {
    this.owned.delete(t);
    return t;
  }

  /** Appends an op application to the tape (called by `apply` in src/ops/op.ts). */
  record<A>(op: Differentiable<A>, record: TapeRecord<A>): void {
    this.tape.record(op, record);
  }

  /**
   * Records the backward pass of everything taped so far, from `loss` (a one-element tensor, or
   * any tensor with an explicit `seed` gradient of its shape). Every leaf with `requiresGrad` that
   * the loss depends on gets `.grad` (its previous grad is disposed) — parameters and inputs alike.
   */
  backward(loss: Tensor, seed?: Tensor): void {
    this.assertOpen('backward');
    if (!loss.requiresGrad)
      throw new Error(`backward: ${loss} does not depend on any tensor that requires grad`);
    if (seed) {
      if (shapeText(seed.shape) !== shapeText(loss.shape))
        throw new RangeError(`backward: seed ${seed} for ${loss}`);
      this.use(seed);
    } else if (loss.size !== 1) {
      throw new RangeError(`backward: ${loss} is not a scalar; pass a seed gradient`);
    }
    this.tape.backward(this, loss, seed ?? this.constant(1, loss.shape, 'loss seed'));
  }

  /** a + b into a new owned tensor (gradient accumulation; both have `shape`). */
  sumInto(a: Tensor, b: Tensor, shape: readonly number[]): Tensor {
    const out = this.alloc(shape, 'grad sum');
    const flat = { shape: [1, 1, 1, out.size], strideA: [0, 0, 0, 1], strideB: [0, 0, 0, 1] };
    encodeBinary(this.batch, { op: 'lincomb', alpha: 1, beta: 1 }, flat, a.buffer, b.buffer, out.buffer);
    return out;
  }

  /** A copy of `t` with `shape` (same size) into a new owned tensor. */
  copy(t: Tensor, shape: readonly number[] = t.shape): Tensor {
    const out = this.alloc(shape, `${t.label} copy`, t.dtype);
    if (out.size !== t.size) throw new RangeError(`copy: ${t} into shape ${shapeText(shape)}`);
    this.use(t);
    if (t.size > 0) this.batch.copy(t.buffer, out.buffer, 4 * t.size);
    return out;
  }

  /**
   * Reads an f32 tensor back as part of this step: the copy is recorded in the batch (no extra
   * submit) and the promise resolves after `submit()`. Use it for the loss and metrics.
   */
  read(t: Tensor): Promise<Float32Array> {
    this.assertOpen('read');
    if (t.dtype !== 'f32') throw new TypeError(`read: ${t} is not f32`);
    this.use(t);
    if (t.size === 0) return Promise.resolve(new Float32Array(0));
    const staging = this.gpu.createBuffer(`${t.label} readback`, 4 * t.size, READBACK_USAGE);
    this.batch.copy(t.buffer, staging, 4 * t.size);
    return new Promise((resolve, reject) => this.readbacks.push({ source: t, staging, resolve, reject }));
  }

  /**
   * Submits the batch (once), then frees every owned tensor not kept and any tensor disposed while
   * the batch was open. Resolves to GPU milliseconds with `timed` (null without timestamp queries).
   */
  submit(timed = false): Promise<number | null> {
    this.assertOpen('submit');
    this.done = true;
    const gpuTime = this.batch.submit(timed);
    for (const r of this.readbacks.splice(0)) this.finishReadback(r);
    for (const t of this.touched) if (t.pending === this) t.pending = null;
    this.touched.clear();
    for (const t of this.owned) t.dispose();
    this.owned.clear();
    for (const t of this.deferred.splice(0)) t.releaseAfterSubmit();
    return gpuTime;
  }

  deferRelease(t: Tensor): void {
    this.deferred.push(t);
  }

  /** Tensors this context still owns (for tests and leak hunting). */
  get ownedCount(): number {
    return this.owned.size;
  }

  private finishReadback({ source, staging, resolve, reject }: Readback): void {
    staging.mapAsync(GPUMapMode.READ).then(
      () => {
        const data = new Float32Array(staging.getMappedRange().slice(0), 0, source.size);
        this.gpu.destroyBuffer(staging);
        resolve(data);
      },
      (err) => {
        this.gpu.destroyBuffer(staging);
        reject(err);
      },
    );
  }

  private assertOpen(what: string): void {
    if (this.done)
      throw new Error(`cannot ${what}: this context was already submitted (make a new one per step)`);
  }
}
