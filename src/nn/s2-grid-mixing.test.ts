import { afterAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../gpu/runtime';
import { signalIrreps } from '../o3/gaunt-layout';
import { Irreps } from '../o3/irreps';
import { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { relativeError } from '../test/compare';
import { releaseTestGpu, withDevice } from '../test/gpu-harness';
import { O3_ACTIONS, randomOrthogonal, transformRows } from '../test/irreps-actions';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { ParameterSet } from './parameters';
import {
  activationNormalizer,
  exactGridTheta,
  type GridActivation,
  mixingGrid,
  S2GridMixing,
  s2GridMixing64,
} from './s2-grid-mixing';

afterAll(releaseTestGpu);

async function runLayer(gpu: Gpu, layer: S2GridMixing, x: Float64Array): Promise<Float64Array> {
  const ctx = Context.inference(gpu);
  const input = Tensor.from(gpu, x, [x.length / layer.irreps.dim, layer.irreps.dim], { label: 'x' });
  const y = ctx.read(layer.forward(ctx, input));
  await ctx.submit();
  input.dispose();
  return Float64Array.from(await y);
}

/** The layer's MLP as plain matrices (in, out), normalisations folded in, for the float64 twin. */
async function weightsOf(layer: S2GridMixing) {
  const { channels: C, hidden: H } = layer.opts;
  const [a, b] = await Promise.all([layer.mlpIn.weight?.read(), layer.mlpOut.weight?.read()]);
  const outScale = activationNormalizer(layer.activation) / Math.sqrt(H);
  return {
    wIn: Float64Array.from(a as Float32Array, (v) => v / Math.sqrt(C)),
    wOut: Float64Array.from(b as Float32Array, (v) => v * outScale),
  };
}

/** ‖f(D(R)x) − D(R)f(x)‖ / ‖f(x)‖ of the float64 layer with random weights (x ~ N(0, 1)). */
function gridRotationError64(
  C: number,
  L: number,
  H: number,
  gridTheta: number,
  seed: number,
  activation: GridActivation = 'silu',
): number {
  const rng = new Rng(seed);
  const irreps = new Irreps(signalIrreps({ channels: C, lmax: L }));
  const wIn = rng.normals(C * H).map((v) => v / Math.sqrt(C));
  const wOut = rng.normals(H * C).map((v) => (activationNormalizer(activation) * v) / Math.sqrt(H));
  const x = rng.normals(8 * irreps.dim);
  const R = randomOrthogonal(rng, false);
  const grid = mixingGrid(C, L, gridTheta);
  const y = s2GridMixing64(x, 8, grid, C, wIn, wOut, activation);
  const yR = s2GridMixing64(transformRows(x, irreps, R), 8, grid, C, wIn, wOut, activation);
  return relativeError(transformRows(y, irreps, R), yR);
}

describe('S2 grid mixing', () => {
  it('projects back exactly: fromGrid · toGrid = I already on the smallest grid (n = L + 1)', () => {
    for (const [C, L] of [
      [1, 0],
      [2, 1],
      [3, 2],
      [2, 4],
    ]) {
      const g = mixingGrid(C, L, L + 1);
      const D = C * (L + 1) ** 2;
      const Q = g.points * C;
      const product = new Float64Array(D * D);
      for (let i = 0; i < D; i++)
        for (let q = 0; q < Q; q++) {
          const t = g.toGrid[i * Q + q];
          if (t !== 0) for (let j = 0; j < D; j++) product[i * D + j] += t * g.fromGrid[q * D + j];
        }
      const identity = Float64Array.from({ length: D * D }, (_, k) => (k % (D + 1) === 0 ? 1 : 0));
      expect(relativeError(identity, product), `C ${C}, L ${L}`).toBeLessThan(TOL.f64);
    }
    expect(() => mixingGrid(2, 2, 2)).toThrow(/gridTheta/);
  });

  it.each(['quadratic', 'silu', 'identity'] as GridActivation[])(
    '%s: GPU layer = float64 twin',
    async (activation) => {
      await withDevice(async (gpu) => {
        const rng = new Rng(41);
        const params = new ParameterSet(gpu, rng);
        const layer = new S2GridMixing(params.scope('mix'), {
          channels: 3,
          lmax: 2,
          hidden: 5,
          gridTheta: 5,
          activation,
        });
        const x = Float64Array.from(Float32Array.from(rng.normals(7 * layer.irreps.dim)));
        const { wIn, wOut } = await weightsOf(layer);
        const want = s2GridMixing64(x, 7, layer.tables, 3, wIn, wOut, activation);
        expect(relativeError(want, await runLayer(gpu, layer, x))).toBeLessThan(TOL.f32Reduction);
        layer.dispose();
        params.dispose();
      });
    },
  );

  it('quadratic activation: exactly equivariant in float64 once the grid integrates degree 3L', () => {
    for (const L of [1, 2, 3]) {
      const n = exactGridTheta(L);
      expect(gridRotationError64(3, L, 6, n, 45 + L, 'quadratic'), `L ${L}, n ${n}`).toBeLessThan(TOL.f64);
      // One node fewer in θ and the projection aliases: the bound is sharp.
      if (n - 1 >= L + 1)
        expect(gridRotationError64(3, L, 6, n - 1, 45 + L, 'quadratic')).toBeGreaterThan(1e-6);
    }
    expect(() => new S2GridMixing({} as never, { channels: 1, lmax: 2, hidden: 2, gridTheta: 3 })).toThrow(
      /gridTheta ≥ 4/,
    );
  });

  it.each([
    ['quadratic', 4],
    ['identity', 4],
  ] as [GridActivation, number][])(
    '%s activation: O(3)-equivariant to float32 precision on the GPU',
    async (activation, gridTheta) => {
      await withDevice(async (gpu) => {
        const rng = new Rng(activation === 'quadratic' ? 46 : 42);
        const params = new ParameterSet(gpu, rng);
        // lmax 2: the quadratic needs n ≥ ⌈(3L+1)/2⌉ = 4 (and it is the default activation).
        const layer = new S2GridMixing(params.scope('mix'), {
          channels: 4,
          lmax: 2,
          hidden: 6,
          gridTheta,
          ...(activation === 'quadratic' ? {} : { activation }),
        });
        expect(layer.activation).toBe(activation);
        const x = rng.normals(5 * layer.irreps.dim);
        const y = await runLayer(gpu, layer, x);
        for (const { name, reflect } of O3_ACTIONS) {
          const R = randomOrthogonal(rng, reflect);
          const yR = await runLayer(gpu, layer, transformRows(x, layer.irreps, R));
          expect(relativeError(transformRows(y, layer.irreps, R), yR), name).toBeLessThan(
            TOL.equivarianceF32,
          );
        }
        layer.dispose();
        params.dispose();
      });
    },
  );

  it('SiLU: parity exact on the inversion-symmetric grid; rotations only up to the grid', async () => {
    await withDevice(async (gpu) => {
      const rng = new Rng(43);
      const params = new ParameterSet(gpu, rng);
      const layer = new S2GridMixing(params.scope('mix'), {
        channels: 4,
        lmax: 2,
        hidden: 8,
        gridTheta: 8,
        activation: 'silu',
      });
      const x = rng.normals(6 * layer.irreps.dim);
      const y = await runLayer(gpu, layer, x);
      const inversion = Float64Array.from([-1, 0, 0, 0, -1, 0, 0, 0, -1]);
      const yInv = await runLayer(gpu, layer, transformRows(x, layer.irreps, inversion));
      expect(relativeError(transformRows(y, layer.irreps, inversion), yInv)).toBeLessThan(
        TOL.equivarianceF32,
      );
      const R = randomOrthogonal(rng, false);
      const yR = await runLayer(gpu, layer, transformRows(x, layer.irreps, R));
      const rotationError = relativeError(transformRows(y, layer.irreps, R), yR);
      expect(rotationError).toBeGreaterThan(TOL.equivarianceF32); // not exact: aliasing
      expect(rotationError).toBeLessThan(TOL.s2GridMixingRotation);
      layer.dispose();
      params.dispose();
    });
  });

  it('SiLU: the rotation error (float64) falls as the grid refines', () => {
    const errors = [3, 4, 6, 8, 12].map((n) => gridRotationError64(4, 2, 8, n, 44));
    for (let i = 1; i < errors.length; i++)
      expect(errors[i], `n = ${[3, 4, 6, 8, 12][i]}`).toBeLessThan(errors[i - 1]);
    expect(errors[0]).toBeGreaterThan(1e-2); // the coarsest grid aliases visibly
    expect(errors[3]).toBeLessThan(TOL.s2GridMixingRotation); // n = 8, the grid TOL's bound is measured on
    expect(errors[4]).toBeLessThan(errors[0] / 50);
  });
});
