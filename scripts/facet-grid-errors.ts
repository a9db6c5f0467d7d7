// Measures the rotation-equivariance error of Facet's S2 grid mixing against the grid size: the
// layer alone in float64 (no float32 noise), and a whole Facet model's energies and forces on
// the GPU. Prints the markdown tables of docs/models.md (Facet).
//   npx vite-node --config vite.config.ts scripts/facet-grid-errors.ts
import type { Sample } from '../src/data/generators/types';
import { createNodeGpu } from '../src/gpu/node-gpu';
import type { Gpu } from '../src/gpu/runtime';
import { FacetModel } from '../src/models/facet';
import { SILU_NORMALIZER } from '../src/nn/radial-mlp';
import { mixingGrid, s2GridMixing64 } from '../src/nn/s2-grid-mixing';
import { signalIrreps } from '../src/o3/gaunt-layout';
import { Irreps } from '../src/o3/irreps';
import { applyToVectors } from '../src/o3/rotation';
import * as ops from '../src/ops/index';
import { Context } from '../src/tensor/context';
import type { Tensor } from '../src/tensor/tensor';
import { relativeError } from '../src/test/compare';
import { randomOrthogonal, transformRows } from '../src/test/irreps-actions';
import { Rng } from '../src/util/random';

const SEEDS = 8;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fmt = (a: number[]) => `${median(a).toExponential(1)} / ${Math.max(...a).toExponential(1)}`;

function layerError(C: number, L: number, H: number, n: number, seed: number): number {
  const rng = new Rng(seed);
  const irreps = new Irreps(signalIrreps({ channels: C, lmax: L }));
  const wIn = rng.normals(C * H).map((v) => v / Math.sqrt(C));
  const wOut = rng.normals(H * C).map((v) => (SILU_NORMALIZER * v) / Math.sqrt(H));
  const x = rng.normals(8 * irreps.dim);
  const R = randomOrthogonal(rng, false);
  const grid = mixingGrid(C, L, n);
  const y = s2GridMixing64(x, 8, grid, C, wIn, wOut, 'silu');
  const yR = s2GridMixing64(transformRows(x, irreps, R), 8, grid, C, wIn, wOut, 'silu');
  return relativeError(transformRows(y, irreps, R), yR);
}

function clouds(rng: Rng, count: number): Sample[] {
  return Array.from({ length: count }, () => ({
    structure: {
      positions: rng.normals(15).map((v) => 0.8 * v),
      species: Int32Array.from({ length: 5 }, () => rng.int(2)),
    },
    energy: 0,
  }));
}

async function energyAndForces(gpu: Gpu, model: FacetModel, samples: Sample[]) {
  const batch = await model.prepare(samples);
  const ctx = new Context(gpu);
  const energy = model.forward(ctx, batch);
  ctx.backward(ops.sumAll(ctx, energy));
  const e = ctx.read(energy);
  await ctx.submit();
  const grad = await (batch.positions.grad as Tensor).read();
  const out = { energy: Float64Array.from(await e), forces: Float64Array.from(grad, (v) => -v) };
  batch.dispose();
  return out;
}

async function main() {
  console.log('| C, L, hidden | n (grid n × 2n) | rotation error, median / max |\n|---|---|---|');
  for (const [C, L, H] of [
    [4, 1, 8],
    [4, 2, 8],
    [8, 2, 16],
    [4, 3, 8],
  ]) {
    for (const n of [L + 1, L + 2, 2 * L + 2, 2 * L + 4, 3 * L + 4, 4 * L + 8]) {
      const errors = Array.from({ length: SEEDS }, (_, s) => layerError(C, L, H, n, s + 1));
      console.log(`| ${C}, ${L}, ${H} | ${n} (${2 * n * n} points) | ${fmt(errors)} |`);
    }
  }
  const gpu = await createNodeGpu({ label: 'facet grid errors' });
  console.log('\n| n | energies, median / max | forces, median / max | ms per step |\n|---|---|---|---|');
  for (const n of [3, 4, 6, 8, 10, 12, 16]) {
    const [eE, eF] = [[] as number[], [] as number[]];
    let ms = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = new Rng(seed);
      const model = new FacetModel(gpu, {
        task: 'forces',
        numSpecies: 2,
        channels: 4,
        lmax: 2,
        layers: 2,
        cutoff: 2,
        avgNumNeighbors: 3,
        mixHidden: 8,
        gridTheta: n,
        seed,
      });
      const samples = clouds(rng, 3);
      const a = await energyAndForces(gpu, model, samples);
      const R = randomOrthogonal(rng, false);
      const started = performance.now();
      const b = await energyAndForces(
        gpu,
        model,
        samples.map((s) => ({
          ...s,
          structure: { ...s.structure, positions: applyToVectors(R, s.structure.positions) },
        })),
      );
      ms += performance.now() - started;
      eE.push(relativeError(a.energy, b.energy));
      eF.push(relativeError(applyToVectors(R, a.forces), b.forces));
      model.dispose();
    }
    console.log(`| ${n} | ${fmt(eE)} | ${fmt(eF)} | ${(ms / SEEDS).toFixed(0)} |`);
  }
  gpu.destroy();
}

await main();
