import { describe, expect, it } from 'vitest';
import { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { relativeError } from '../test/compare';
import { withDevice } from '../test/gpu-harness';
import { disposeAttrs, opSeed, roundedToF32, upload } from '../test/op-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { apply, type OpDef } from './op';
import { OP_REGISTRY } from './registry';

// Every registered op on the GPU against its float64 twin: forward values, then the gradient of
// every f32 input through the tape (backward from a random seed gradient of the output's shape).
// Outputs and temporaries are NaN-poisoned, so an element a kernel skips fails the comparison.
describe('GPU ops vs float64 twins', () => {
  it.each([...OP_REGISTRY.keys()])('%s', async (name) => {
    const op = OP_REGISTRY.get(name) as OpDef<unknown>;
    const rng = new Rng(opSeed(name, 100));
    await withDevice(async (gpu) => {
      const baseline = gpu.liveBufferCount;
      for (const { label, inputs: raw, attrs } of op.cases(rng)) {
        const inputs = raw.map(roundedToF32);
        const ctx = new Context(gpu, { poison: true });
        const xs = inputs.map((h, k) => upload(gpu, h, `${name} input ${k}`));
        const y = apply(ctx, op, xs, attrs);
        const seed = Float64Array.from(Float32Array.from(rng.normals(y.size)));
        const gy = Tensor.from(gpu, seed, y.shape, { label: 'seed' });
        ctx.backward(y, gy);
        const got = ctx.read(y);
        const gotGrads = xs.map((x) => (x.grad ? ctx.read(x.grad) : null));
        await ctx.submit();

        const want = op.forward64(inputs, attrs);
        expect(y.shape, label).toEqual(want.shape);
        expect(relativeError(want.data, await got), `${name} ${label} forward`).toBeLessThan(
          TOL[op.tolerance.forward],
        );
        const wantGrads = op.backward64(inputs, attrs, seed);
        for (let k = 0; k < xs.length; k++) {
          const g = gotGrads[k];
          if (inputs[k].data instanceof Uint32Array) {
            expect(g, `${label}: u32 input ${k} got a gradient`).toBeNull();
            continue;
          }
          expect(g, `${label}: input ${k} got no gradient`).not.toBeNull();
          const err = relativeError(wantGrads[k] as Float64Array, await (g as Promise<Float32Array>));
          expect(err, `${name} ${label} gradient ${k}`).toBeLessThan(TOL[op.tolerance.backward]);
        }
        for (const x of xs) x.dispose();
        gy.dispose();
        disposeAttrs(attrs);
      }
      gpu.pool.trim();
      expect(gpu.liveBufferCount, 'buffers leaked').toBe(baseline);
    });
  });
});
