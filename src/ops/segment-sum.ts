import type { Context } from '../tensor/context';
import type { SegmentIndex } from '../tensor/segment-index';
import type { Tensor } from '../tensor/tensor';
import { gather64, gatherAlong, type IndexAttrs, randomIndex, segmentSum64, segmentSumAlong } from './gather';
import { apply, expectF32, f64, host, normalHost, type OpDef } from './op';

function edgeAxis(x: { shape: readonly number[] }, index: SegmentIndex) {
  if (x.shape.length < 1 || x.shape[0] !== index.length) {
    throw new RangeError(`segment_sum: input has ${x.shape[0]} rows, index has ${index.length}`);
  }
  return { outer: 1, inner: x.shape.slice(1).reduce((p, d) => p * d, 1), srcCount: index.length };
}

/**
 * Sums rows into segments: out[s, …] = Σ_{index[e] = s} x[e, …] (messages into receivers, atoms
 * into molecules). No atomics: each output walks its own segment in a fixed order, so results
 * are bitwise reproducible. The backward is a gather by the same index.
 */
export const segmentSumOp: OpDef<IndexAttrs> = {
  name: 'segment_sum',
  tolerance: { forward: 'f32Reduction', backward: 'f32Elementwise' },
  forward(ctx, [x], { index }) {
    expectF32('segment_sum', x);
    return segmentSumAlong(ctx, x, edgeAxis(x, index), index, [index.numSegments, ...x.shape.slice(1)]);
  },
  backward(ctx, { inputs: [x], attrs: { index } }, gy) {
    const axis = { outer: 1, inner: edgeAxis(x, index).inner, srcCount: index.numSegments };
    return [gatherAlong(ctx, gy, axis, index, [...x.shape])];
  },
  forward64([x], { index }) {
    const out = segmentSum64(f64(x), edgeAxis(x, index), index.index, index.numSegments);
    return host(out, [index.numSegments, ...x.shape.slice(1)]);
  },
  backward64([x], { index }, gy) {
    return [
      gather64(gy, { outer: 1, inner: edgeAxis(x, index).inner, srcCount: index.numSegments }, index.index),
    ];
  },
  cases: (rng) => [
    {
      label: '50 edges → 8 receivers, sorted',
      inputs: [normalHost(rng, [50, 5])],
      attrs: { index: randomIndex(rng, 50, 8, true) },
    },
    {
      label: '30 rows → 6, unsorted',
      inputs: [normalHost(rng, [30, 3])],
      attrs: { index: randomIndex(rng, 30, 6, false) },
    },
    {
      label: '[20, 2, 2] → 4 molecules',
      inputs: [normalHost(rng, [20, 2, 2])],
      attrs: { index: randomIndex(rng, 20, 4, true) },
    },
  ],
};

/** out[s, …] = Σ_{index[e] = s} x[e, …]: x has index.length rows, out has index.numSegments. */
export const segmentSum = (ctx: Context, x: Tensor, index: SegmentIndex): Tensor =>
  apply(ctx, segmentSumOp, [x], { index });
