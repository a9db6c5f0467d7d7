import { encodeBinary } from '../kernels/nn/binary';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';
import { broadcastShapes, broadcastStrides, pad4, sumToShape, sumToShape64 } from './broadcast';
import { apply, expectF32, f64, type HostTensor, host, normalHost, type OpCase, type OpDef } from './op';

type Kind = 'add' | 'sub' | 'mul';

/** Shape pairs the binary ops are tested on: equal, trailing and leading broadcasts, rank 3. */
const SHAPE_PAIRS: [number[], number[]][] = [
  [
    [7, 5],
    [7, 5],
  ],
  [[6, 4], [4]],
  [
    [6, 4],
    [6, 1],
  ],
  [
    [3, 1, 5],
    [4, 1],
  ],
  [[9], [1]],
];

function combine(kind: Kind, a: number, b: number): number {
  return kind === 'add' ? a + b : kind === 'sub' ? a - b : a * b;
}

function forward64(kind: Kind, [a, b]: readonly HostTensor[]): HostTensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const out = new Float64Array(shape.reduce((p, d) => p * d, 1));
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const o = pad4(shape);
  const av = f64(a);
  const bv = f64(b);
  for (let i = 0; i < out.length; i++) {
    let rest = i;
    let ia = 0;
    let ib = 0;
    for (let d = 3; d >= 0; d--) {
      const c = rest % o[d];
      rest = Math.floor(rest / o[d]);
      ia += c * sa[d];
      ib += c * sb[d];
    }
    out[i] = combine(kind, av[ia], bv[ib]);
  }
  return host(out, shape);
}

function backward64(kind: Kind, [a, b]: readonly HostTensor[], gy: Float64Array): Float64Array[] {
  const shape = broadcastShapes(a.shape, b.shape);
  if (kind !== 'mul') {
    const gb = sumToShape64(gy, shape, b.shape);
    return [sumToShape64(gy, shape, a.shape), kind === 'sub' ? gb.map((v) => -v) : gb];
  }
  // d(a·b)/da = b broadcast to the output, then summed back to a's shape (and symmetrically).
  const bFull = f64(forward64('mul', [host(new Float64Array(a.data.length).fill(1), a.shape), b]));
  const aFull = f64(forward64('mul', [a, host(new Float64Array(b.data.length).fill(1), b.shape)]));
  return [
    sumToShape64(
      gy.map((g, i) => g * bFull[i]),
      shape,
      a.shape,
    ),
    sumToShape64(
      gy.map((g, i) => g * aFull[i]),
      shape,
      b.shape,
    ),
  ];
}

/** gy · other, with other read through its broadcast strides, in gy's shape. */
function productWithBroadcast(ctx: Context, gy: Tensor, other: Tensor): Tensor {
  const out = ctx.alloc(gy.shape, `${gy.label} × ${other.label}`);
  const strided = {
    shape: pad4(gy.shape),
    strideA: broadcastStrides(gy.shape, gy.shape),
    strideB: broadcastStrides(other.shape, gy.shape),
  };
  encodeBinary(ctx.batch, { op: 'product', alpha: 1 }, strided, gy.buffer, other.buffer, out.buffer);
  return out;
}

function makeBinary(kind: Kind): OpDef {
  return {
    name: kind,
    tolerance: { forward: 'f32Elementwise', backward: 'f32Reduction' },
    forward(ctx, [a, b]) {
      expectF32(kind, a);
      expectF32(kind, b);
      const shape = broadcastShapes(a.shape, b.shape);
      const out = ctx.alloc(shape, kind);
      const strided = {
        shape: pad4(shape),
        strideA: broadcastStrides(a.shape, shape),
        strideB: broadcastStrides(b.shape, shape),
      };
      const mode =
        kind === 'mul'
          ? ({ op: 'product', alpha: 1 } as const)
          : ({ op: 'lincomb', alpha: 1, beta: kind === 'add' ? 1 : -1 } as const);
      encodeBinary(ctx.batch, mode, strided, a.buffer, b.buffer, out.buffer);
      return out;
    },
    backward(ctx, { inputs: [a, b] }, gy, needs) {
      if (kind !== 'mul') {
        return [
          needs[0] ? sumToShape(ctx, gy, a.shape) : null,
          needs[1] ? sumToShape(ctx, gy, b.shape, kind === 'sub' ? -1 : 1) : null,
        ];
      }
      return [
        needs[0] ? sumToShape(ctx, productWithBroadcast(ctx, gy, b), a.shape) : null,
        needs[1] ? sumToShape(ctx, productWithBroadcast(ctx, gy, a), b.shape) : null,
      ];
    },
    forward64: (inputs) => forward64(kind, inputs),
    backward64: (inputs, _attrs, gy) => backward64(kind, inputs, gy),
    cases: (rng: Rng): OpCase<undefined>[] =>
      SHAPE_PAIRS.map(([sa, sb]) => ({
        label: `[${sa}] ${kind} [${sb}]`,
        inputs: [normalHost(rng, sa), normalHost(rng, sb)],
        attrs: undefined,
      })),
  };
}

export const addOp = makeBinary('add');
export const subOp = makeBinary('sub');
export const mulOp = makeBinary('mul');

/** a + b with NumPy broadcasting (rank ≤ 4). */
export const add = (ctx: Context, a: Tensor, b: Tensor): Tensor => apply(ctx, addOp, [a, b], undefined);
/** a − b with NumPy broadcasting (rank ≤ 4). */
export const sub = (ctx: Context, a: Tensor, b: Tensor): Tensor => apply(ctx, subOp, [a, b], undefined);
/** a · b elementwise with NumPy broadcasting (rank ≤ 4), e.g. [E, 3] · [E, 1]. */
export const mul = (ctx: Context, a: Tensor, b: Tensor): Tensor => apply(ctx, mulOp, [a, b], undefined);
