import { afterAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { Irreps } from '../o3/irreps';
import { applyToVectors, type Mat3 } from '../o3/rotation';
import * as ops from '../ops/index';
import { Context } from '../tensor/context';
import { SegmentIndex } from '../tensor/segment-index';
import { Tensor } from '../tensor/tensor';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { O3_ACTIONS, randomOrthogonal, transformRows } from '../test/irreps-actions';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Interaction } from './interaction';
import { ParameterSet } from './parameters';
import { radialBasis } from './radial';
import type { TpKind } from './tensor-product-layer';

afterAll(releaseTestGpu);

const NODES = 6;
const LMAX_SH = 2;
const BASIS = { kind: 'bessel', count: 4, cutoff: 4 } as const;

/** Complete directed graph on the nodes, edges sorted by receiver. */
function completeGraph(n: number) {
  const senders: number[] = [];
  const receivers: number[] = [];
  for (let r = 0; r < n; r++)
    for (let s = 0; s < n; s++)
      if (s !== r) {
        senders.push(s);
        receivers.push(r);
      }
  return { senders, receivers };
}

/** One interaction block on `positions` and node features `h`, read back. */
async function interact(gpu: Gpu, block: Interaction, positions: Float64Array, h: Float64Array) {
  const { senders, receivers } = completeGraph(NODES);
  const vectors = new Float64Array(3 * senders.length);
  const lengths = new Float64Array(senders.length);
  senders.forEach((s, e) => {
    for (let c = 0; c < 3; c++) vectors[3 * e + c] = positions[3 * s + c] - positions[3 * receivers[e] + c];
    lengths[e] = Math.hypot(vectors[3 * e], vectors[3 * e + 1], vectors[3 * e + 2]);
  });
  const index = {
    senders: SegmentIndex.build(senders, NODES),
    receivers: SegmentIndex.build(receivers, NODES),
  };
  const tensors = [
    Tensor.from(gpu, vectors, [senders.length, 3], { label: 'edge vectors' }),
    Tensor.from(gpu, radialBasis(lengths, BASIS), [senders.length, BASIS.count], { label: 'radial' }),
    Tensor.from(gpu, h, [NODES, block.irrepsIn.dim], { label: 'h' }),
  ];
  const ctx = Context.inference(gpu);
  const sh = ops.sphericalHarmonics(ctx, tensors[0], LMAX_SH, {
    normalize: true,
    normalization: 'component',
  });
  const out = ctx.read(block.forward(ctx, tensors[2], { ...index, sh, radial: tensors[1] }));
  await ctx.submit();
  for (const t of tensors) t.dispose();
  index.senders.dispose();
  index.receivers.dispose();
  return Float64Array.from(await out);
}

const CASES: { tp: TpKind; irrepsIn: string; irrepsOut: string }[] = [
  // CG: every parity, a self-connection linear (irreps change).
  {
    tp: 'cg',
    irrepsIn: '3x0e + 2x0o + 2x1o + 2x1e + 1x2e',
    irrepsOut: '4x0e + 2x0o + 2x1o + 2x1e + 2x2e + 1x2o',
  },
  // Gaunt: signals with parity (−1)^l, identity residual.
  { tp: 'gaunt-grid', irrepsIn: '3x0e + 3x1o + 3x2e', irrepsOut: '3x0e + 3x1o + 3x2e' },
  { tp: 'gaunt-fft', irrepsIn: '2x0e', irrepsOut: '2x0e + 2x1o + 2x2e' },
];

describe('Interaction block', () => {
  it.each(CASES)('$tp: $irrepsIn → $irrepsOut is equivariant under rotations and reflections', async (c) => {
    await withDevice(async (gpu) => {
      const rng = new Rng(11);
      const params = new ParameterSet(gpu, rng);
      const block = new Interaction(params.scope('block'), {
        irrepsIn: c.irrepsIn,
        irrepsOut: c.irrepsOut,
        tp: c.tp,
        lmaxSh: LMAX_SH,
        radialBasis: BASIS.count,
        radialHidden: [8],
        avgNumNeighbors: NODES - 1,
      });
      const [irrepsIn, irrepsOut] = [new Irreps(c.irrepsIn), new Irreps(c.irrepsOut)];
      const positions = rng.normals(3 * NODES);
      const h = rng.normals(NODES * irrepsIn.dim);
      const y = await interact(gpu, block, positions, h);
      expect(Math.max(...y.map(Math.abs))).toBeGreaterThan(1e-2);
      for (const { name, reflect } of O3_ACTIONS) {
        const R: Mat3 = randomOrthogonal(rng, reflect);
        const yR = await interact(gpu, block, applyToVectors(R, positions), transformRows(h, irrepsIn, R));
        expect(relativeError(transformRows(y, irrepsOut, R), yR), name).toBeLessThan(TOL.equivarianceF32);
      }
      block.dispose();
      params.dispose();
    });
  });
});
