import { describe, expect, it } from 'vitest';
import { type Adam64Params, adamStep64 } from '../reference/adam';
import { relativeError } from '../test/compare';
import { withDevice } from '../test/gpu-harness';
import { mlpLeaves, mlpLoss, uploadLeaves } from '../test/tiny-models';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Context } from './context';
import { lrSchedule } from './lr-schedule';
import { Adam } from './optim';
import { Tensor } from './tensor';

const STEPS = 6;

describe('Adam on the GPU vs its float64 twin', () => {
  it.each([
    { decoupled: true, weightDecay: 0.05 },
    { decoupled: false, weightDecay: 0.05 },
    { decoupled: true, weightDecay: 0 },
  ])('%o, over several steps with a cosine schedule', async ({ decoupled, weightDecay }) => {
    const rng = new Rng(41);
    const n = 300;
    const schedule = lrSchedule({ kind: 'cosine', lr: 0.01, totalSteps: STEPS, warmupSteps: 2 });
    const p64 = Float64Array.from(Float32Array.from(rng.normals(n)));
    const m64 = new Float64Array(n);
    const v64 = new Float64Array(n);
    await withDevice(async (gpu) => {
      const p = Tensor.from(gpu, p64, [n], { requiresGrad: true, label: 'p' });
      const opt = new Adam([p], { lr: schedule, weightDecay, decoupled });
      for (let step = 0; step < STEPS; step++) {
        const grad = Float32Array.from(rng.normals(n));
        const ctx = new Context(gpu);
        p.grad = Tensor.from(gpu, grad, [n], { label: 'grad' });
        expect(opt.lr).toBe(schedule(step));
        opt.step(ctx);
        expect(p.grad).toBeNull();
        await ctx.submit();
        const s: Adam64Params = {
          lr: schedule(step),
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay,
          decoupled,
          step: step + 1,
        };
        adamStep64(s, grad, p64, m64, v64);
      }
      const { m, v } = opt.moments(0);
      expect(relativeError(p64, await p.read())).toBeLessThan(TOL.f32Elementwise);
      expect(relativeError(m64, await m.read())).toBeLessThan(TOL.f32Elementwise);
      expect(relativeError(v64, await v.read())).toBeLessThan(TOL.f32Elementwise);
      opt.dispose();
      p.dispose();
    });
  });

  it('trains a small MLP: one submit per step, the loss falls', async () => {
    const leaves = mlpLeaves(new Rng(42));
    await withDevice(async (gpu) => {
      const t = uploadLeaves(gpu, leaves);
      const opt = new Adam([t.w1, t.b1, t.w2, t.b2], { lr: 0.03 });
      const losses: number[] = [];
      for (let step = 0; step < 40; step++) {
        const ctx = new Context(gpu);
        const loss = mlpLoss(ctx, t);
        ctx.backward(loss);
        opt.step(ctx);
        const value = ctx.read(loss);
        await ctx.submit();
        losses.push((await value)[0]);
      }
      expect(losses[39]).toBeLessThan(0.5 * losses[0]);
      for (const x of Object.values(t)) x.dispose();
      opt.dispose();
    });
  });
});

describe('learning-rate schedules', () => {
  it('constant, cosine with warmup, step', () => {
    expect(lrSchedule({ kind: 'constant', lr: 0.1 })(1000)).toBe(0.1);
    const cos = lrSchedule({ kind: 'cosine', lr: 1, totalSteps: 110, warmupSteps: 10, minLr: 0.1 });
    expect(cos(0)).toBeCloseTo(0.1, 15);
    expect(cos(9)).toBe(1);
    expect(cos(10)).toBe(1);
    expect(cos(60)).toBeCloseTo(0.55, 15);
    expect(cos(110)).toBeCloseTo(0.1, 15);
    expect(cos(500)).toBeCloseTo(0.1, 15);
    const step = lrSchedule({ kind: 'step', lr: 1, every: 10, gamma: 0.5 });
    expect([step(0), step(9), step(10), step(25)]).toEqual([1, 1, 0.5, 0.25]);
    expect(() => lrSchedule({ kind: 'cosine', lr: 1, totalSteps: 5, warmupSteps: 5 })).toThrow(/warmup/);
  });
});
