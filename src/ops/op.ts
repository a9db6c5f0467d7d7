import type { Context } from '../tensor/context';
import type { Differentiable, TapeRecord } from '../tensor/tape';
import { shapeText, sizeOf, type Tensor } from '../tensor/tensor';
import type { TOL } from '../test/tolerances';
import type { Rng } from '../util/random';

/** A CPU array with a shape: float64 values, or u32 for index/label inputs. */
export interface HostTensor {
  readonly data: Float64Array | Uint32Array;
  readonly shape: readonly number[];
}

/** Random inputs for one test of an op (u32 inputs are never differentiated). */
export interface OpCase<A> {
  readonly label: string;
  readonly inputs: readonly HostTensor[];
  readonly attrs: A;
}

export type ToleranceKey = keyof typeof TOL;

/**
 * A differentiable op: GPU forward and backward (recorded into the context's batch) and their
 * float64 twins, side by side in one file, plus random test cases. Every op is listed in
 * src/ops/registry.ts; the op tests iterate the registry, so a new op is tested once registered.
 *
 * `attrs` carries what is not a tensor: constants, shapes, and per-graph metadata such as a
 * SegmentIndex or BlockLayout (which hold both their CPU arrays, for the twin, and device copies).
 */
export interface OpDef<A = undefined> extends Differentiable<A> {
  readonly name: string;
  /** TOL entries for GPU vs twin: forward values and input gradients. */
  readonly tolerance: { readonly forward: ToleranceKey; readonly backward: ToleranceKey };
  /** Validates shapes, allocates the output (owned by ctx) and records the forward kernels. */
  forward(ctx: Context, inputs: readonly Tensor[], attrs: A): Tensor;
  forward64(inputs: readonly HostTensor[], attrs: A): HostTensor;
  /** Gradient of Σ gradOut · forward64(inputs) w.r.t. each f32 input (null for u32 inputs). */
  backward64(inputs: readonly HostTensor[], attrs: A, gradOut: Float64Array): (Float64Array | null)[];
  /** Random cases covering the shapes the op supports (broadcasts, tile edges, empty segments…). */
  cases(rng: Rng): OpCase<A>[];
}

/**
 * Applies an op: records its forward into `ctx.batch` and, when the context is recording and an
 * input requires grad, puts it on the tape (the output then requires grad too).
 */
export function apply<A>(ctx: Context, op: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  ctx.use(...inputs);
  const output = op.forward(ctx, inputs, attrs);
  if (ctx.recording && inputs.some((t) => t.requiresGrad)) {
    output.requiresGrad = true;
    const record: TapeRecord<A> = { inputs: [...inputs], output, attrs };
    ctx.record(op, record);
  }
  return output;
}

// ---- small shared helpers for op files --------------------------------------------------------

export function expectRank(op: string, t: { shape: readonly number[] }, rank: number, what = 'input'): void {
  if (t.shape.length !== rank)
    throw new RangeError(`${op}: ${what} must have rank ${rank}, got ${shapeText(t.shape)}`);
}

export function expectF32(op: string, t: Tensor): void {
  if (t.dtype !== 'f32') throw new TypeError(`${op}: ${t} must be f32`);
}

export function expectSameShape(
  op: string,
  a: { shape: readonly number[] },
  b: { shape: readonly number[] },
): void {
  if (shapeText(a.shape) !== shapeText(b.shape)) {
    throw new RangeError(`${op}: shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} differ`);
  }
}

export function host(data: Float64Array | Uint32Array, shape: readonly number[]): HostTensor {
  if (data.length !== sizeOf(shape))
    throw new RangeError(`${data.length} values for shape ${shapeText(shape)}`);
  return { data, shape };
}

/** A float64 host tensor of standard normals. */
export function normalHost(rng: Rng, shape: readonly number[]): HostTensor {
  return host(rng.normals(sizeOf(shape)), shape);
}

/** The values of a host tensor as float64 (its f32 inputs are float64 already). */
export function f64(t: HostTensor): Float64Array {
  if (!(t.data instanceof Float64Array)) throw new TypeError('expected a float64 host tensor');
  return t.data;
}
