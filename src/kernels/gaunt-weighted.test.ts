import { describe, expect, it } from 'vitest';
import { type DegreeWeights, gauntDirect, gauntDirectBackward } from '../reference/gaunt';
import { degreeWeightGradient, scaleDegrees } from '../reference/gaunt-degree-weights';
import { relativeError } from '../test/compare';
import { withDevice } from '../test/gaunt-kernel-suite';
import { poisoned } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { gauntSizes } from './gaunt-common';
import { encodeDegreeWeightGrad, encodeScaleDegrees } from './gaunt-degree-weights';
import { GauntDirectKernel } from './gaunt-direct';
import { GauntGridKernel } from './gaunt-grid';
import { WeightedGauntKernel } from './gaunt-weighted';

const f32 = (x: ArrayLike<number>) => Float32Array.from(x);

describe('Gaunt degree-weight kernels', () => {
  it.each([false, true])(
    'scale and weight gradient match the twins (per channel: %s)',
    async (perChannel) => {
      const shape = { channels: 3, lmax: 4 };
      const batchSize = 37; // batch · run > 64 for every degree: each invocation sums several elements
      const rng = new Rng(perChannel ? 11 : 12);
      const n = batchSize * 3 * 25;
      const [x, g] = [rng.normals(n), rng.normals(n)];
      const w = rng.normals(5 * (perChannel ? 3 : 1));
      await withDevice(async (gpu) => {
        const y = poisoned(gpu, 'y', n);
        const grad = poisoned(gpu, 'grad', w.length);
        const [bx, bg, bw] = [x, g, w].map((v, i) => gpu.storage(`in ${i}`, f32(v)));
        const batch = gpu.batch();
        encodeScaleDegrees(batch, bx, bw, y, shape, perChannel, batchSize);
        encodeDegreeWeightGrad(batch, bx, bg, grad, shape, perChannel, batchSize);
        await batch.submit();
        expect(relativeError(scaleDegrees(x, shape, w, batchSize), await gpu.readF32(y, n))).toBeLessThan(
          TOL.f32Elementwise,
        );
        const want = degreeWeightGradient(x, g, shape, perChannel, batchSize);
        expect(relativeError(want, await gpu.readF32(grad, w.length))).toBeLessThan(TOL.f32Reduction);
      });
    },
  );

  it.each([
    ['direct', false],
    ['grid', true],
  ] as const)(
    'weighted %s product: forward and all gradients match the twin (per channel: %s)',
    async (route, perChannel) => {
      const dims = { L1: 4, L2: 3, Lout: 5, channels: 2 };
      const batchSize = 6;
      const rng = new Rng(route === 'grid' ? 21 : 22);
      const sizes = gauntSizes(dims);
      const x1 = rng.normals(batchSize * sizes.in1);
      const x2 = rng.normals(batchSize * sizes.in2);
      const gradOut = rng.normals(batchSize * sizes.out);
      const count = (L: number) => (L + 1) * (perChannel ? dims.channels : 1);
      const weights: DegreeWeights = {
        in1: rng.uniforms(count(dims.L1), 0.5, 1.5),
        in2: rng.uniforms(count(dims.L2), 0.5, 1.5),
        out: rng.uniforms(count(dims.Lout), 0.5, 1.5),
      };
      const { L1, L2, Lout, channels } = dims;
      const wantOut = gauntDirect(L1, L2, Lout, channels, x1, x2, batchSize, weights);
      const want = gauntDirectBackward(L1, L2, Lout, channels, x1, x2, gradOut, batchSize, weights);
      await withDevice(async (gpu) => {
        const product = route === 'grid' ? new GauntGridKernel(gpu, dims) : new GauntDirectKernel(gpu, dims);
        const kernel = new WeightedGauntKernel(gpu, product, { perChannel });
        const up = (label: string, v: ArrayLike<number>) => gpu.storage(label, f32(v));
        const w = { in1: up('w1', weights.in1), in2: up('w2', weights.in2), out: up('wout', weights.out) };
        const gw = {
          in1: poisoned(gpu, 'gw1', weights.in1.length),
          in2: poisoned(gpu, 'gw2', weights.in2.length),
          out: poisoned(gpu, 'gwout', weights.out.length),
        };
        const [bx1, bx2, bg] = [up('x1', x1), up('x2', x2), up('gradOut', gradOut)];
        const out = poisoned(gpu, 'out', wantOut.length);
        const [g1, g2] = [poisoned(gpu, 'g1', x1.length), poisoned(gpu, 'g2', x2.length)];
        const batch = gpu.batch();
        kernel.encodeForward(batch, bx1, bx2, w, out, batchSize);
        kernel.encodeBackward(batch, bx1, bx2, w, bg, g1, g2, gw, batchSize);
        await batch.submit();
        expect(relativeError(wantOut, await gpu.readF32(out, wantOut.length))).toBeLessThan(TOL.f32Reduction);
        expect(relativeError(want.gradX1, await gpu.readF32(g1, x1.length))).toBeLessThan(TOL.f32Reduction);
        expect(relativeError(want.gradX2, await gpu.readF32(g2, x2.length))).toBeLessThan(TOL.f32Reduction);
        for (const key of ['in1', 'in2', 'out'] as const) {
          const got = await gpu.readF32(gw[key], weights[key].length);
          expect(relativeError(want.gradWeights![key], got), key).toBeLessThan(TOL.f32Reduction);
        }
        kernel.dispose();
        product.dispose();
      });
    },
  );
});
