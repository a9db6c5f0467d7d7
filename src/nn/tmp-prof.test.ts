import { afterAll, it } from 'vitest';
import { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import * as ops from '../ops/index';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { Rng } from '../util/random';
import { ParameterSet } from './parameters';
import { S2GridMixing } from './s2-grid-mixing';
afterAll(releaseTestGpu);
it('prof', async () => {
  await withDevice(async (gpu) => {
    for (const n of [8]) {
      const params = new ParameterSet(gpu, new Rng(1));
      const layer = new S2GridMixing(params.scope('m'), { channels: 8, lmax: 2, hidden: 16, gridTheta: n });
      const x = Tensor.from(gpu, new Rng(2).normals(288 * 72), [288, 72], { label: 'x', requiresGrad: true });
      for (const mode of ['fwd', 'fwd', 'bwd', 'bwd']) {
        const t0 = performance.now();
        const ctx = mode === 'fwd' ? Context.inference(gpu) : new Context(gpu);
        const y = layer.forward(ctx, x);
        if (mode === 'bwd') ctx.backward(ops.sumAll(ctx, y));
        const r = ctx.read(y);
        await ctx.submit();
        await r;
        console.log(`n${n} ${mode} ${(performance.now() - t0).toFixed(1)} ms`);
      }
      x.dispose(); layer.dispose(); params.dispose();
    }
  });
}, 300000);
