import { describe, expect, it } from 'vitest';
import { createModel } from '../models/index';
import type { ModelKind } from '../models/model';
import { withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { builtinModelNames, createBuiltinModel, workbenchConfig } from './builtin-models';
import { modelSubject, runModel } from './model-subject';
import { runProbe } from './probe';
import { randomStructure } from './structures';
import { speciesByIndex } from './subject';

const KINDS = ['rotation', 'reflection', 'translation', 'permutation'] as const;
const molecule = (n: number, seed = 11) => randomStructure(new Rng(seed), n).structure;
/**
 * The exactly equivariant built-ins (every registered kind but the MLP; Facet's default grid
 * activation is the band-limited quadratic, so its grid projections are exact).
 */
const EQUIVARIANT = builtinModelNames().filter((k) => k !== 'mlp');

describe('probe on built-in models (GPU, float32)', () => {
  it.each(EQUIVARIANT)(
    'reads the built-in %s as equivariant ≤ 1e-5 on all four transformations and every layer',
    async (kind) => {
      await withDevice(async (gpu) => {
        const x = molecule(6);
        const model = createBuiltinModel(gpu, kind as ModelKind, { numAtoms: 6, seed: 1 });
        try {
          const report = await runProbe(modelSubject(gpu, model), x, { trials: 2, seed: 3 });
          for (const k of KINDS)
            expect(report.families[k].error, `${kind} ${k}`).toBeLessThanOrEqual(TOL.equivarianceF32);
          expect(report.families.rotation.verdict).toBe('equivariant');
          expect(report.families.reflection.verdict).toBe('equivariant');
          expect(report.families.translation.verdict).toBe('invariant');
          expect(report.families.permutation.verdict).toBe('equivariant');
          // The energy alone is invariant under all of them.
          for (const k of KINDS)
            for (const t of report.families[k].trials)
              expect(t.outputs.find((o) => o.name === 'energy')?.verdict, `${kind} ${k}`).toBe('invariant');
          const forces = report.outputs.find((o) => o.name === 'forces');
          expect(forces?.norm).toBeGreaterThan(0);
          if (model.trace) expect(report.layers.length).toBeGreaterThan(0);
          for (const layer of report.layers)
            for (const k of KINDS)
              expect(layer.errors[k], `${kind} ${layer.name} ${k}`).toBeLessThanOrEqual(TOL.equivarianceF32);
        } finally {
          model.dispose();
        }
      });
    },
  );

  it('reads an MLP on raw coordinates (task forces) as broken under rotation', async () => {
    await withDevice(async (gpu) => {
      const model = createBuiltinModel(gpu, 'mlp', { numAtoms: 5, seed: 2 });
      try {
        const report = await runProbe(modelSubject(gpu, model), molecule(5), { trials: 2, layers: false });
        expect(report.families.rotation.verdict).toBe('broken');
        expect(report.families.rotation.error).toBeGreaterThan(1e-2);
        expect(report.families.reflection.verdict).toBe('broken');
      } finally {
        model.dispose();
      }
    });
  });

  it('reads NequIP with species taken from the atom index as broken under permutation only', async () => {
    await withDevice(async (gpu) => {
      // Small, so the test is quick: the property does not depend on the size.
      const config = {
        ...workbenchConfig('nequip', { numAtoms: 6, seed: 4 }),
        channels: 4,
        lmax: 1,
        layers: 2,
      };
      const model = createModel(gpu, 'nequip', config);
      try {
        const subject = speciesByIndex(modelSubject(gpu, model), 3);
        const report = await runProbe(subject, molecule(6, 12), { trials: 2, layers: false });
        expect(report.families.rotation.verdict).toBe('equivariant');
        expect(report.families.reflection.verdict).toBe('equivariant');
        expect(report.families.translation.verdict).toBe('invariant');
        expect(report.families.permutation.verdict).toBe('broken');
      } finally {
        model.dispose();
      }
    });
  });

  it('computes forces as −∂E/∂x (central differences of the float32 energy) and leaves parameters trainable', async () => {
    await withDevice(async (gpu) => {
      const model = createBuiltinModel(gpu, 'nequip', { numAtoms: 4, seed: 5 });
      try {
        const x = molecule(4, 13);
        const { forces } = await runModel(gpu, model, [x]);
        const h = 1e-2;
        const shifted = [];
        for (const [atom, axis] of [
          [0, 0],
          [2, 1],
          [3, 2],
        ]) {
          for (const sign of [1, -1]) {
            const positions = Float64Array.from(x.positions);
            positions[3 * atom + axis] += sign * h;
            shifted.push({ ...x, positions });
          }
        }
        const { output } = await runModel(gpu, model, shifted);
        [
          [0, 0],
          [2, 1],
          [3, 2],
        ].forEach(([atom, axis], k) => {
          const fd = -(output[2 * k] - output[2 * k + 1]) / (2 * h);
          const f = (forces as Float32Array)[3 * atom + axis];
          // h = 1e-2 Å: O(h²) truncation and float32 energies of O(1) limit the agreement to ~1e-3.
          expect(Math.abs(fd - f)).toBeLessThan(2e-3 * Math.max(1, Math.abs(f)));
        });
        expect(model.parameters.every((p) => p.requiresGrad)).toBe(true);
      } finally {
        model.dispose();
      }
    });
  });

  it('probes a classifier through its logits', async () => {
    await withDevice(async (gpu) => {
      const model = createModel(gpu, 'nequip', {
        tp: 'gaunt-fft',
        channels: 2,
        lmax: 1,
        layers: 1,
        numSpecies: 9,
        cutoff: 3,
      });
      try {
        const report = await runProbe(modelSubject(gpu, model), molecule(4, 14), {
          trials: 1,
          layers: false,
        });
        expect(report.outputs.map((o) => o.irreps)).toEqual(['8x0e']);
        // A Gaunt model has no pseudoscalars: its logits are O(3)-invariant.
        for (const k of KINDS) expect(report.families[k].verdict, k).toBe('invariant');
      } finally {
        model.dispose();
      }
    });
  });
});
