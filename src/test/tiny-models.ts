// Two small composites built from the registered ops, each as GPU code (through the tape) and as
// a float64 twin (the same ops' forward64 chained), for whole-model gradient and lifetime tests.
import type { Gpu } from '../gpu/runtime';
import * as ops from '../ops/index';
import type { HostTensor } from '../ops/op';
import { getOp } from '../ops/registry';
import { BlockLayout } from '../tensor/block-layout';
import type { Context } from '../tensor/context';
import { SegmentIndex } from '../tensor/segment-index';
import { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';

const run64 = (name: string, inputs: HostTensor[], attrs?: unknown): HostTensor =>
  getOp(name).forward64(inputs, attrs);

/** Named float64 leaves of a composite; the GPU side uploads each as a tensor with requiresGrad. */
export type Leaves = Record<string, HostTensor>;

export function uploadLeaves(gpu: Gpu, leaves: Leaves): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(leaves).map(([name, h]) => [
      name,
      Tensor.from(gpu, h.data, h.shape, { label: name, requiresGrad: name !== 'target' }),
    ]),
  );
}

function normals(rng: Rng, shape: number[], scale = 1): HostTensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return { data: Float64Array.from(Float32Array.from(rng.normals(n).map((v) => v * scale))), shape };
}

// ---- MLP regression: mse(linear(silu(linear(x, W1, b1)), W2, b2), target) ---------------------

export function mlpLeaves(rng: Rng): Leaves {
  return {
    x: normals(rng, [10, 4]),
    w1: normals(rng, [4, 8], 0.5),
    b1: normals(rng, [8], 0.1),
    w2: normals(rng, [8, 2], 0.5),
    b2: normals(rng, [2], 0.1),
    target: normals(rng, [10, 2]),
  };
}

export function mlpLoss(ctx: Context, t: Record<string, Tensor>): Tensor {
  const h = ops.silu(ctx, ops.linear(ctx, t.x, t.w1, t.b1));
  return ops.mse(ctx, ops.linear(ctx, h, t.w2, t.b2), t.target);
}

export function mlpLoss64(l: Leaves): number {
  const h = run64('silu', [run64('linear', [l.x, l.w1, l.b1])]);
  return run64('mse', [run64('linear', [h, l.w2, l.b2]), l.target]).data[0];
}

// ---- A tiny interaction network: energy of point positions, forces = −∂E/∂positions ----------

/** Complete directed graph on n nodes, edges sorted by receiver. */
export class TinyGraph {
  readonly senders: SegmentIndex;
  readonly receivers: SegmentIndex;
  readonly layout = new BlockLayout([
    { mul: 1, dim: 1 },
    { mul: 1, dim: 3 },
    { mul: 1, dim: 5 },
  ]);

  constructor(readonly nodes: number) {
    const src: number[] = [];
    const dst: number[] = [];
    for (let j = 0; j < nodes; j++) {
      for (let i = 0; i < nodes; i++) {
        if (i === j) continue;
        src.push(i);
        dst.push(j);
      }
    }
    this.senders = SegmentIndex.build(src, nodes);
    this.receivers = SegmentIndex.build(dst, nodes);
  }

  dispose(): void {
    this.senders.dispose();
    this.receivers.dispose();
    this.layout.dispose();
  }
}

export function graphLeaves(rng: Rng, nodes: number): Leaves {
  return {
    positions: normals(rng, [nodes, 3]),
    wr: normals(rng, [1, 4]),
    br: normals(rng, [4], 0.1),
    w1: normals(rng, [7, 6], 0.5),
    b1: normals(rng, [6], 0.1),
    w2: normals(rng, [6, 1], 0.5),
  };
}

/**
 * E = Σ_nodes MLP([‖Σ_edges φ(r)·Y(r⃗)‖² per l, Σ_edges φ(r)]) with r⃗ = x_src − x_dst: uses
 * gathers, a broadcast product, SH, segmented sums, block norms, concat and slice.
 */
export function graphEnergy(ctx: Context, g: TinyGraph, t: Record<string, Tensor>): Tensor {
  const vec = ops.sub(
    ctx,
    ops.gatherRows(ctx, t.positions, g.senders),
    ops.gatherRows(ctx, t.positions, g.receivers),
  );
  const radial = ops.silu(ctx, ops.linear(ctx, ops.rowNorm(ctx, vec), t.wr, t.br));
  const sh = ops.sphericalHarmonics(ctx, vec, 2, { normalize: true, normalization: 'component' });
  const weighted = ops.mul(ctx, sh, ops.slice(ctx, radial, 0, 1));
  const invariants = ops.blockSqNorm(ctx, ops.segmentSum(ctx, weighted, g.receivers), g.layout);
  const features = ops.concat(ctx, [invariants, ops.segmentSum(ctx, radial, g.receivers)]);
  const hidden = ops.silu(ctx, ops.linear(ctx, features, t.w1, t.b1));
  return ops.sumAll(ctx, ops.linear(ctx, hidden, t.w2));
}

export function graphEnergy64(g: TinyGraph, l: Leaves): number {
  const vec = run64('sub', [
    run64('gather_rows', [l.positions], { index: g.senders }),
    run64('gather_rows', [l.positions], { index: g.receivers }),
  ]);
  const radial = run64('silu', [run64('linear', [run64('row_norm', [vec]), l.wr, l.br])]);
  const sh = run64('spherical_harmonics', [vec], { lmax: 2, normalize: true, normalization: 'component' });
  const weighted = run64('mul', [sh, run64('slice', [radial], { start: 0, length: 1 })]);
  const summed = run64('segment_sum', [weighted], { index: g.receivers });
  const invariants = run64('block_sq_norm', [summed], { layout: g.layout });
  const features = run64('concat', [invariants, run64('segment_sum', [radial], { index: g.receivers })]);
  const hidden = run64('silu', [run64('linear', [features, l.w1, l.b1])]);
  return run64('sum_all', [run64('linear', [hidden, l.w2])]).data[0];
}

/** Central finite differences of a scalar float64 function of the leaves, for one leaf. */
export function finiteDifferences(
  f: (l: Leaves) => number,
  leaves: Leaves,
  name: string,
  step = 1e-5,
): Float64Array {
  const x = leaves[name].data as Float64Array;
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    const saved = x[j];
    x[j] = saved + step;
    const up = f(leaves);
    x[j] = saved - step;
    const down = f(leaves);
    x[j] = saved;
    out[j] = (up - down) / (2 * step);
  }
  return out;
}
