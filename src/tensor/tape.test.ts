import { describe, expect, it } from 'vitest';
import * as ops from '../ops/index';
import { relativeError } from '../test/compare';
import { withDevice } from '../test/gpu-harness';
import { bits } from '../test/op-harness';
import {
  finiteDifferences,
  graphEnergy,
  graphEnergy64,
  graphLeaves,
  mlpLeaves,
  mlpLoss,
  mlpLoss64,
  TinyGraph,
  uploadLeaves,
} from '../test/tiny-models';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { Context } from './context';
import { Tensor } from './tensor';

function disposeAll(tensors: Record<string, Tensor>): void {
  for (const t of Object.values(tensors)) t.dispose();
}

describe('tape: whole-model gradients vs finite differences of the float64 twin', () => {
  it('MLP + MSE: gradients w.r.t. every parameter and the input', async () => {
    const leaves = mlpLeaves(new Rng(31));
    await withDevice(async (gpu) => {
      const t = uploadLeaves(gpu, leaves);
      const ctx = new Context(gpu, { poison: true });
      const loss = mlpLoss(ctx, t);
      ctx.backward(loss);
      const value = ctx.read(loss);
      const grads = Object.fromEntries(
        ['x', 'w1', 'b1', 'w2', 'b2'].map((k) => [k, ctx.read(t[k].grad as Tensor)]),
      );
      await ctx.submit();
      expect(relativeError([mlpLoss64(leaves)], await value)).toBeLessThan(TOL.f32Reduction);
      for (const [name, got] of Object.entries(grads)) {
        const want = finiteDifferences(mlpLoss64, leaves, name);
        expect(relativeError(want, await got), name).toBeLessThan(TOL.gradientF32);
      }
      expect(t.target.grad).toBeNull();
      disposeAll(t);
    });
  });

  it('interaction network: forces = −∂E/∂positions and parameter gradients; Σ forces = 0', async () => {
    const graph = new TinyGraph(6);
    const leaves = graphLeaves(new Rng(32), graph.nodes);
    await withDevice(async (gpu) => {
      const t = uploadLeaves(gpu, leaves);
      const ctx = new Context(gpu, { poison: true });
      const energy = graphEnergy(ctx, graph, t);
      ctx.backward(energy);
      const e = ctx.read(energy);
      const grads = Object.fromEntries(Object.keys(leaves).map((k) => [k, ctx.read(t[k].grad as Tensor)]));
      await ctx.submit();
      expect(relativeError([graphEnergy64(graph, leaves)], await e)).toBeLessThan(TOL.f32Reduction);
      for (const [name, got] of Object.entries(grads)) {
        const want = finiteDifferences((l) => graphEnergy64(graph, l), leaves, name);
        expect(relativeError(want, await got), name).toBeLessThan(TOL.gradientF32);
      }
      // Translation invariance of E: the net force vanishes.
      const forces = (await grads.positions).map((g) => -g);
      const scaleOfForces = Math.max(...forces.map(Math.abs));
      for (let c = 0; c < 3; c++) {
        const net = forces.filter((_, i) => i % 3 === c).reduce((s, v) => s + v, 0);
        expect(Math.abs(net) / scaleOfForces).toBeLessThan(TOL.f32Reduction);
      }
      disposeAll(t);
      graph.dispose();
    });
  });
});

describe('tape: accumulation, noGrad, lifetimes, determinism', () => {
  it('sums the gradients of a tensor used twice, and gives aliased leaves their own grads', async () => {
    const rng = new Rng(33);
    const xs = Float32Array.from(rng.normals(20));
    await withDevice(async (gpu) => {
      const x = Tensor.from(gpu, xs, [20], { requiresGrad: true, label: 'x' });
      const a = Tensor.from(gpu, xs.slice(0, 5), [5], { requiresGrad: true, label: 'a' });
      const b = Tensor.from(gpu, xs.slice(5, 10), [5], { requiresGrad: true, label: 'b' });
      const ctx = new Context(gpu);
      // d/dx Σ (x·x + x) = 2x + 1; x reaches the loss along three uses.
      const l1 = ops.sumAll(ctx, ops.add(ctx, ops.mul(ctx, x, x), x));
      // add passes the gradient through unchanged to both inputs: the tape must not share it.
      const l2 = ops.sumAll(ctx, ops.add(ctx, a, b));
      ctx.backward(ops.add(ctx, l1, l2));
      const gx = ctx.read(x.grad as Tensor);
      const ga = ctx.read(a.grad as Tensor);
      const gb = ctx.read(b.grad as Tensor);
      expect(a.grad).not.toBe(b.grad);
      await ctx.submit();
      expect(
        relativeError(
          Array.from(xs, (v) => 2 * v + 1),
          await gx,
        ),
      ).toBeLessThan(TOL.f32Elementwise);
      expect(Array.from(await ga)).toEqual([1, 1, 1, 1, 1]);
      expect(Array.from(await gb)).toEqual([1, 1, 1, 1, 1]);
      for (const t of [x, a, b]) t.dispose();
    });
  });

  it('records nothing under noGrad or in an inference context, and frees what they computed', async () => {
    const leaves = mlpLeaves(new Rng(34));
    await withDevice(async (gpu) => {
      const t = uploadLeaves(gpu, leaves);
      const baseline = gpu.liveBufferCount;
      const ctx = new Context(gpu);
      const loss = ctx.noGrad(() => mlpLoss(ctx, t));
      expect(ctx.tape.length).toBe(0);
      expect(loss.requiresGrad).toBe(false);
      expect(() => ctx.backward(loss)).toThrow(/requires grad/);
      const value = ctx.read(loss);
      await ctx.submit();
      const inference = Context.inference(gpu);
      const again = inference.read(mlpLoss(inference, t));
      expect(inference.tape.length).toBe(0);
      await inference.submit();
      expect(await again).toEqual(await value);
      expect(relativeError([mlpLoss64(leaves)], await value)).toBeLessThan(TOL.f32Reduction);
      expect(loss.disposed).toBe(true);
      gpu.pool.trim();
      expect(gpu.liveBufferCount).toBe(baseline);
      disposeAll(t);
    });
  });

  it('frees every intermediate after the step, and reuses pooled buffers on the next', async () => {
    const graph = new TinyGraph(5);
    const leaves = graphLeaves(new Rng(35), graph.nodes);
    await withDevice(async (gpu) => {
      const t = uploadLeaves(gpu, leaves);
      graph.senders.device(gpu);
      graph.receivers.device(gpu);
      graph.layout.device(gpu);
      gpu.pool.trim();
      const baseline = gpu.liveBufferCount;
      const counts: number[] = [];
      for (let step = 0; step < 3; step++) {
        const ctx = new Context(gpu);
        const energy = graphEnergy(ctx, graph, t);
        ctx.backward(energy);
        const e = ctx.read(energy);
        await ctx.submit();
        await e;
        expect(ctx.ownedCount).toBe(0);
        expect(energy.disposed).toBe(true);
        for (const leaf of Object.values(t)) leaf.disposeGrad();
        counts.push(gpu.liveBufferCount);
      }
      // The first step filled the pool; later steps allocate nothing new.
      expect(counts[2]).toBe(counts[1]);
      gpu.pool.trim();
      expect(gpu.liveBufferCount).toBe(baseline);
      disposeAll(t);
      graph.dispose();
    });
  });

  it('is deterministic: the same step twice gives bitwise-identical energy and gradients', async () => {
    const graph = new TinyGraph(7);
    const leaves = graphLeaves(new Rng(36), graph.nodes);
    await withDevice(async (gpu) => {
      const t = uploadLeaves(gpu, leaves);
      const runs: number[][][] = [];
      for (let run = 0; run < 2; run++) {
        const ctx = new Context(gpu);
        const energy = graphEnergy(ctx, graph, t);
        ctx.backward(energy);
        const reads = [ctx.read(energy), ...Object.values(t).map((leaf) => ctx.read(leaf.grad as Tensor))];
        await ctx.submit();
        runs.push((await Promise.all(reads)).map(bits));
      }
      expect(runs[1]).toEqual(runs[0]);
      disposeAll(t);
      graph.dispose();
    });
  });

  it('enforces lifetimes: deferred dispose, no reads before submit, single-use contexts', async () => {
    await withDevice(async (gpu) => {
      const x = Tensor.from(gpu, [1, -2, 3], [3], { label: 'x' });
      const ctx = new Context(gpu);
      const y = ops.relu(ctx, x);
      await expect(y.read()).rejects.toThrow(/unsubmitted/);
      expect(() => x.write([0, 0, 0])).toThrow(/unsubmitted/);
      // Disposed while the batch still reads it: released only after the submit.
      x.dispose();
      expect(x.disposed).toBe(false);
      const kept = ctx.keep(ops.scale(ctx, y, 2));
      await ctx.submit();
      expect(x.disposed).toBe(true);
      expect(y.disposed).toBe(true);
      expect(Array.from(await kept.read())).toEqual([2, 0, 6]);
      expect(() => ops.relu(ctx, kept)).toThrow(/already submitted/);
      expect(() => ops.relu(new Context(gpu), x)).toThrow(/after dispose/);
      kept.dispose();
    });
  });
});
