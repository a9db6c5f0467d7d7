// The fourth witness (DESIGN §4): the Gaunt product equals the CG tensor product restricted to
// even paths (l1 + l2 + l3 even) with Gaunt path weights. G(l1,l2,l3) = c · wigner_3j(l1,l2,l3)
// exactly, so a channelwise ('uuu') CG product with per-path weight c reproduces the Gaunt sum.
import { describe, expect, it } from 'vitest';
import { gauntBlock } from '../o3/gaunt';
import { signalIrreps } from '../o3/gaunt-layout';
import { Irreps } from '../o3/irreps';
import { makeTpPlan, type TpInstruction } from '../o3/tp-instructions';
import { wigner3j } from '../o3/wigner3j';
import { gauntDirect } from '../reference/gaunt';
import { tensorProduct } from '../reference/tensor-product';
import { relativeError } from '../test/compare';
import { testGpu } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { gauntGridOnGpu } from './gaunt-grid';
import { cgTensorProductOnGpu } from './tensor-product';

/** c such that ∫Y_l1 Y_l2 Y_l3 = c · wigner_3j(l1, l2, l3), from the largest entry. */
function gauntOverW3j(l1: number, l2: number, l3: number): number {
  const g = gauntBlock(l1, l2, l3);
  const c = wigner3j(l1, l2, l3);
  let k = 0;
  for (let i = 1; i < c.length; i++) if (Math.abs(c[i]) > Math.abs(c[k])) k = i;
  return g[k] / c[k];
}

/** uuu CG over every even path of the signal irreps, weights c(l1,l2,l3) for each channel. */
function gauntAsCg(L1: number, L2: number, Lout: number, C: number) {
  const irreps = [L1, L2, Lout].map((lmax) => Irreps.parse(signalIrreps({ channels: C, lmax })));
  const instructions: TpInstruction[] = [];
  const weights: number[] = [];
  for (let a = 0; a <= L1; a++)
    for (let b = 0; b <= L2; b++)
      for (let o = Math.abs(a - b); o <= Math.min(a + b, Lout); o++) {
        if ((a + b + o) % 2) continue;
        instructions.push({ iIn1: a, iIn2: b, iOut: o, mode: 'uuu', hasWeight: true });
        for (let c = 0; c < C; c++) weights.push(gauntOverW3j(a, b, o));
      }
  // 'none' normalisations: path weight 1, so the weights alone carry the Gaunt factors.
  const plan = makeTpPlan(irreps[0], irreps[1], irreps[2], instructions, {
    irrepNormalization: 'none',
    pathNormalization: 'none',
  });
  return { plan, weights: Float64Array.from(weights) };
}

describe('Gaunt = CG restricted to even paths with Gaunt path weights', () => {
  it.each([
    [2, 2, 4, 3],
    [4, 3, 5, 2],
    [8, 8, 8, 1],
  ])(
    'L1=%i L2=%i Lout=%i C=%i: float64 twins agree, GPU CG agrees with the GPU grid route',
    async (L1, L2, Lout, C) => {
      const rng = new Rng(100 * L1 + 10 * L2 + Lout);
      const { plan, weights } = gauntAsCg(L1, L2, Lout, C);
      const batch = 3;
      const x1 = rng.normals(batch * plan.irrepsIn1.dim);
      const x2 = rng.normals(batch * plan.irrepsIn2.dim);
      const gaunt = gauntDirect(L1, L2, Lout, C, x1, x2, batch);
      expect(relativeError(gaunt, tensorProduct(plan, x1, x2, weights, batch, true))).toBeLessThan(TOL.f64);
      const gpu = await testGpu();
      const f32 = (x: Float64Array) => new Float32Array(x);
      const cg = await cgTensorProductOnGpu(gpu, plan, f32(x1), f32(x2), f32(weights), batch, true);
      const grid = await gauntGridOnGpu(gpu, { L1, L2, Lout, channels: C }, f32(x1), f32(x2), batch);
      expect(relativeError(gaunt, cg)).toBeLessThan(TOL.f32Reduction);
      expect(relativeError(gaunt, grid)).toBeLessThan(TOL.f32Reduction);
    },
  );
});
