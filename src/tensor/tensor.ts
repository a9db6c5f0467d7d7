import type { Gpu } from '../gpu/runtime';

export type DType = 'f32' | 'u32';

/**
 * Work that has recorded commands touching a tensor but not yet submitted them. A tensor
 * disposed while such work is open is released only after the submit, so that the pool cannot
 * hand its buffer to an upload that the queue would run before the recorded commands.
 */
export interface PendingWork {
  readonly submitted: boolean;
  deferRelease(t: Tensor): void;
}

export interface TensorOptions {
  dtype?: DType;
  label?: string;
  requiresGrad?: boolean;
}

// Numeric GPUBufferUsage flags: the global is only defined once a WebGPU entry point is loaded.
const STORAGE_USAGE = 0x80 | 0x04 | 0x08; // STORAGE | COPY_SRC | COPY_DST

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function checkShape(shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`invalid tensor shape ${shapeText(shape)}`);
  }
}

/**
 * A dense row-major array on the GPU: an f32 (or u32, for indices and labels) storage buffer
 * from the runtime's pool, plus its shape. Lifetime is explicit: `dispose()` returns the buffer
 * to the pool. Tensors made by ops inside a `Context` are owned by it and freed when it submits
 * (see docs/autograd.md). Reading back is asynchronous and only valid after that submit.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  /** Leaves (parameters, positions) set this; op outputs inherit it from their inputs. */
  requiresGrad: boolean;
  /** Gradient of the last `backward` w.r.t. this tensor (leaves only); owned by this tensor. */
  grad: Tensor | null = null;
  /** Set by a Context while its unsubmitted batch uses this tensor. */
  pending: PendingWork | null = null;
  private buf: GPUBuffer | null;

  private constructor(
    readonly gpu: Gpu,
    buffer: GPUBuffer,
    shape: readonly number[],
    readonly dtype: DType,
    readonly label: string,
    requiresGrad: boolean,
  ) {
    this.buf = buffer;
    this.shape = Object.freeze([...shape]);
    this.size = sizeOf(shape);
    this.requiresGrad = requiresGrad;
  }

  /** A tensor with unspecified contents (every element must be written before it is read). */
  static empty(gpu: Gpu, shape: readonly number[], opts: TensorOptions = {}): Tensor {
    checkShape(shape);
    const label = opts.label ?? 'tensor';
    const buffer = gpu.pool.acquire(4 * sizeOf(shape), STORAGE_USAGE, label);
    return new Tensor(gpu, buffer, shape, opts.dtype ?? 'f32', label, opts.requiresGrad ?? false);
  }

  /** Uploads `data` (converted to f32 or u32) as a tensor of `shape`. */
  static from(gpu: Gpu, data: ArrayLike<number>, shape: readonly number[], opts: TensorOptions = {}): Tensor {
    checkShape(shape);
    if (data.length !== sizeOf(shape)) {
      throw new RangeError(
        `${opts.label ?? 'tensor'}: ${data.length} values do not fill shape ${shapeText(shape)}`,
      );
    }
    const t = Tensor.empty(gpu, shape, opts);
    t.write(data);
    return t;
  }

  static zeros(gpu: Gpu, shape: readonly number[], opts: TensorOptions = {}): Tensor {
    return Tensor.from(gpu, new Float32Array(sizeOf(shape)), shape, opts);
  }

  get buffer(): GPUBuffer {
    if (!this.buf) throw new Error(`tensor "${this.label}" ${shapeText(this.shape)} used after dispose()`);
    return this.buf;
  }

  get disposed(): boolean {
    return this.buf === null;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** Overwrites the contents from the CPU. Refused while an unsubmitted batch uses the tensor. */
  write(data: ArrayLike<number>): void {
    if (data.length !== this.size)
      throw new RangeError(`${this.label}: expected ${this.size} values, got ${data.length}`);
    this.assertNotPending('write');
    if (this.size === 0) return;
    const typed = this.dtype === 'u32' ? Uint32Array.from(data) : Float32Array.from(data);
    this.gpu.write(this.buffer, typed);
  }

  /** Copies an f32 tensor back to the CPU (a separate submit: call it rarely, after the step). */
  async read(): Promise<Float32Array> {
    if (this.dtype !== 'f32') throw new TypeError(`${this.label} is ${this.dtype}; use readU32()`);
    this.assertNotPending('read');
    return this.size === 0 ? new Float32Array(0) : this.gpu.readF32(this.buffer, this.size);
  }

  async readU32(): Promise<Uint32Array> {
    if (this.dtype !== 'u32') throw new TypeError(`${this.label} is ${this.dtype}; use read()`);
    this.assertNotPending('read');
    return this.size === 0
      ? new Uint32Array(0)
      : new Uint32Array(await this.gpu.read(this.buffer, 4 * this.size));
  }

  /** Returns the buffer to the pool (after the pending batch's submit, if any), and the gradient's too. */
  dispose(): void {
    this.disposeGrad();
    const buffer = this.buf;
    if (!buffer) return;
    if (this.pending && !this.pending.submitted) {
      this.pending.deferRelease(this);
      return;
    }
    this.buf = null;
    this.pending = null;
    this.gpu.pool.release(buffer);
  }

  /** Frees the gradient and clears it (the next backward sets a new one). */
  disposeGrad(): void {
    const g = this.grad;
    this.grad = null;
    g?.dispose();
  }

  /** Called by the pending work once it has submitted: the deferred release happens now. */
  releaseAfterSubmit(): void {
    this.pending = null;
    this.dispose();
  }

  private assertNotPending(what: string): void {
    if (this.pending && !this.pending.submitted) {
      throw new Error(`cannot ${what} tensor "${this.label}" while a recorded batch using it is unsubmitted`);
    }
  }

  toString(): string {
    return `Tensor(${this.label}, ${this.dtype}, ${shapeText(this.shape)})`;
  }
}
