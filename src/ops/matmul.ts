import { encodeMatmul } from '../kernels/nn/matmul';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { sumToShape, sumToShape64 } from './broadcast';
import { apply, expectF32, expectRank, f64, type HostTensor, host, normalHost, type OpDef } from './op';

/** Float64 C = op(A)·op(B) with A stored m×k (k×m when transA) and B k×n (n×k when transB). */
function matmul64(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
  k: number,
  transA = false,
  transB = false,
) {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let q = 0; q < k; q++)
        acc += (transA ? a[q * m + i] : a[i * k + q]) * (transB ? b[j * k + q] : b[q * n + j]);
      out[i * n + j] = acc;
    }
  }
  return out;
}

function dims(op: string, x: { shape: readonly number[] }, w: { shape: readonly number[] }) {
  expectRank(op, x, 2, 'left operand');
  expectRank(op, w, 2, 'right operand');
  const [m, k] = x.shape;
  const [k2, n] = w.shape;
  if (k !== k2) throw new RangeError(`${op}: inner dimensions ${k} and ${k2} differ`);
  return { m, n, k };
}

/** gx = gy·Wᵀ and gW = xᵀ·gy, read in place through the kernel's transpose flags. */
function matmulGrads(ctx: Context, x: Tensor, w: Tensor, gy: Tensor, needs: readonly boolean[]) {
  const { m, n, k } = dims('matmul', x, w);
  let gx: Tensor | null = null;
  let gw: Tensor | null = null;
  if (needs[0]) {
    gx = ctx.alloc(x.shape, `${x.label} grad`);
    encodeMatmul(ctx.batch, { m, n: k, k: n, transB: true }, gy.buffer, w.buffer, null, gx.buffer);
  }
  if (needs[1]) {
    gw = ctx.alloc(w.shape, `${w.label} grad`);
    encodeMatmul(ctx.batch, { m: k, n, k: m, transA: true }, x.buffer, gy.buffer, null, gw.buffer);
  }
  return [gx, gw];
}

function grads64(x: HostTensor, w: HostTensor, gy: Float64Array): Float64Array[] {
  const [m, k] = x.shape;
  const n = w.shape[1];
  return [matmul64(gy, f64(w), m, k, n, false, true), matmul64(f64(x), gy, k, n, m, true, false)];
}

/** x [M, K] · W [K, N] → [M, N]. */
export const matmulOp: OpDef = {
  name: 'matmul',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x, w]) {
    expectF32('matmul', x);
    expectF32('matmul', w);
    const s = dims('matmul', x, w);
    const out = ctx.alloc([s.m, s.n], 'matmul');
    encodeMatmul(ctx.batch, s, x.buffer, w.buffer, null, out.buffer);
    return out;
  },
  backward: (ctx, { inputs: [x, w] }, gy, needs) => matmulGrads(ctx, x, w, gy, needs),
  forward64([x, w]) {
    const { m, n, k } = dims('matmul', x, w);
    return host(matmul64(f64(x), f64(w), m, n, k), [m, n]);
  },
  backward64: ([x, w], _attrs, gy) => grads64(x, w, gy),
  cases: (rng) =>
    [
      [37, 19, 23],
      [1, 1, 1],
      [5, 40, 3],
    ].map(([m, k, n]) => ({
      label: `[${m}, ${k}] · [${k}, ${n}]`,
      inputs: [normalHost(rng, [m, k]), normalHost(rng, [k, n])],
      attrs: undefined,
    })),
};

/** x [M, K] · W [K, N] + b [N] (bias optional: inputs [x, W] or [x, W, b]), W stored (in, out). */
export const linearOp: OpDef = {
  name: 'linear',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x, w, b]) {
    expectF32('linear', x);
    expectF32('linear', w);
    const s = dims('linear', x, w);
    if (b && (b.rank !== 1 || b.shape[0] !== s.n))
      throw new RangeError(`linear: bias ${b} for ${s.n} outputs`);
    const out = ctx.alloc([s.m, s.n], 'linear');
    encodeMatmul(ctx.batch, s, x.buffer, w.buffer, b ? b.buffer : null, out.buffer);
    return out;
  },
  backward(ctx, { inputs: [x, w, b] }, gy, needs) {
    const [gx, gw] = matmulGrads(ctx, x, w, gy, needs);
    return b ? [gx, gw, needs[2] ? sumToShape(ctx, gy, b.shape) : null] : [gx, gw];
  },
  forward64([x, w, b]) {
    const { m, n, k } = dims('linear', x, w);
    const out = matmul64(f64(x), f64(w), m, n, k);
    if (b) for (let i = 0; i < out.length; i++) out[i] += f64(b)[i % n];
    return host(out, [m, n]);
  },
  backward64([x, w, b], _attrs, gy) {
    const grads = grads64(x, w, gy);
    return b ? [...grads, sumToShape64(gy, [x.shape[0], w.shape[1]], b.shape)] : grads;
  },
  cases: (rng) => [
    {
      label: 'bias, [33, 17] → 20',
      inputs: [normalHost(rng, [33, 17]), normalHost(rng, [17, 20]), normalHost(rng, [20])],
      attrs: undefined,
    },
    {
      label: 'no bias, [6, 8] → 4',
      inputs: [normalHost(rng, [6, 8]), normalHost(rng, [8, 4])],
      attrs: undefined,
    },
  ],
};

/** a [M, K] · b [K, N]. */
export const matmul = (ctx: Context, a: Tensor, b: Tensor): Tensor => apply(ctx, matmulOp, [a, b], undefined);

/** x [M, K] · W [K, N] (+ b [N]): one fused kernel. */
export const linear = (ctx: Context, x: Tensor, w: Tensor, b?: Tensor | null): Tensor =>
  apply(ctx, linearOp, b ? [x, w, b] : [x, w], undefined);
