import { describe, expect, it } from 'vitest';
import { withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { ProbeService } from './probe-service';
import { InputError } from './sh-service';

const water = {
  kind: 'atoms' as const,
  positions: [0, 0, 0.12, 0, 0.76, -0.47, 0, -0.76, -0.47],
  elements: ['O', 'H', 'H'],
};

describe('engine probe and infer', () => {
  it('infers energy and forces of a loaded molecule; forces sum to zero (translation invariance)', async () => {
    await withDevice(async (gpu) => {
      const service = new ProbeService(async () => gpu);
      try {
        const r = await service.infer({ model: { kind: 'builtin', name: 'nequip' }, structure: water });
        expect(r.task).toBe('forces');
        expect(r.numAtoms).toBe(3);
        expect(r.elements).toEqual(['O', 'H', 'H']);
        expect(Number.isFinite(r.energy)).toBe(true);
        const f = r.forces as number[];
        expect(f).toHaveLength(9);
        const net = [0, 1, 2].map((k) => f[k] + f[3 + k] + f[6 + k]);
        const scale = Math.hypot(...f);
        expect(scale).toBeGreaterThan(0);
        expect(Math.hypot(...net) / scale).toBeLessThan(TOL.equivarianceF32);
        expect(r.outputs.map((o) => [o.name, o.irreps, o.perAtom])).toEqual([
          ['energy', '0e', false],
          ['forces', '1o', true],
        ]);
        expect(r.outputs[1].values).toEqual(f);
      } finally {
        service.dispose();
      }
    });
  });

  it('probes with a trackball rotation and a sweep, reporting progress and the structure', async () => {
    await withDevice(async (gpu) => {
      const service = new ProbeService(async () => gpu);
      const progress: number[] = [];
      try {
        const report = await service.probe(
          {
            model: { kind: 'builtin', name: 'egnn', seed: 3 },
            structure: { kind: 'random', atoms: 5, seed: 1 },
            trials: 1,
            layers: false,
            custom: [{ kind: 'rotation', axis: [0, 1, 0], angle: 0.7 }],
            sweep: { axis: [1, 0, 0], steps: 4 },
          },
          (p) => progress.push(p.done / p.total),
        );
        expect(progress.at(-1)).toBe(1);
        expect(report.model).toMatch(/^egnn-/);
        expect(report.positions).toHaveLength(15);
        expect(report.elements).toHaveLength(5);
        expect(report.custom[0].error).toBeLessThanOrEqual(TOL.equivarianceF32);
        const forces = report.custom[0].values.find((v) => v.name === 'forces');
        expect(forces?.actual).toHaveLength(15);
        expect(forces?.expected).toHaveLength(15);
        expect(report.sweep?.errors).toHaveLength(5);
        for (const e of report.sweep?.errors ?? []) expect(e).toBeLessThanOrEqual(TOL.equivarianceF32);
      } finally {
        service.dispose();
      }
    });
  });

  it('answers bad requests with InputErrors, cancels, and keeps working', async () => {
    await withDevice(async (gpu) => {
      const service = new ProbeService(async () => gpu);
      const random = { kind: 'random' as const, atoms: 3 };
      try {
        const bad = [
          service.probe({ model: { kind: 'builtin', name: 'nope' }, structure: random }),
          service.probe({ model: { kind: 'checkpoint', checkpoint: { format: 'x' } }, structure: random }),
          service.infer({
            model: { kind: 'builtin', name: 'nequip' },
            structure: { kind: 'atoms', positions: [0, 1], elements: [] },
          }),
          service.probe({
            model: { kind: 'builtin', name: 'nequip' },
            structure: random,
            custom: [{ kind: 'permutation', order: [0, 1] }],
          }),
        ];
        for (const p of bad) await expect(p).rejects.toBeInstanceOf(InputError);
        // Cancel drops the probes asked for before it; later ones run.
        const dropped = service.probe({ model: { kind: 'builtin', name: 'nequip' }, structure: random });
        service.cancel();
        await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
        const ok = await service.infer({ model: { kind: 'builtin', name: 'nequip' }, structure: random });
        expect(ok.numAtoms).toBe(3);
      } finally {
        service.dispose();
      }
    });
  });
});
