import { describe, expect, it } from 'vitest';
import type { Structure } from '../data/generators/types';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { equivariantSubject, orderSensitiveSubject, rawCoordinateSubject } from './analytic-subjects';
import { applyToStructure, compose } from './group';
import { BASE_TOLERANCE, relativeError, tolerance, ulpJitter, verdictOf } from './metrics';
import { runProbe } from './probe';
import { RANDOM_MIN_DISTANCE, randomStructure } from './structures';
import type { ProbeSubject } from './subject';
import { speciesByIndex } from './subject';
import { resolve, type TransformationSpec, transformStructure } from './transformations';

const structure = (seed: number, n = 7): Structure => randomStructure(new Rng(seed), n).structure;

/** The same subject with other declared irreps: a wrong declaration must read broken. */
function redeclare(subject: ProbeSubject, name: string, irreps: string, position?: boolean): ProbeSubject {
  return {
    ...subject,
    outputs: subject.outputs.map((o) => (o.name === name ? { ...o, irreps, position } : o)),
  };
}

describe('probe on closed-form subjects', () => {
  it('reads an exactly equivariant function as equivariant, output by output', async () => {
    const report = await runProbe(equivariantSubject(), structure(1), { trials: 3, seed: 1 });
    for (const kind of ['rotation', 'reflection', 'translation', 'permutation'] as const) {
      expect(report.families[kind].error, kind).toBeLessThan(TOL.f64);
      expect(report.families[kind].verdict, kind).toBe('equivariant');
    }
    const verdicts = (kind: 'rotation' | 'reflection' | 'translation' | 'permutation') =>
      Object.fromEntries(report.families[kind].trials[0].outputs.map((o) => [o.name, o.verdict]));
    expect(verdicts('translation')).toEqual({
      centroid: 'equivariant',
      spread: 'invariant',
      relative: 'invariant',
      axial: 'invariant',
      chirality: 'invariant',
    });
    expect(verdicts('reflection')).toMatchObject({
      spread: 'invariant',
      chirality: 'equivariant',
      axial: 'equivariant',
    });
    expect(verdicts('permutation')).toEqual({
      centroid: 'invariant',
      spread: 'equivariant',
      relative: 'equivariant',
      axial: 'invariant',
      chirality: 'invariant',
    });
    // float64 subject: the floor is float32 input rounding alone, amplified by the triple product.
    expect(report.floor).toBeGreaterThan(0);
    expect(report.floor).toBeLessThan(1e-5);
    for (const o of report.outputs) expect(o.tolerance).toBe(tolerance(o.floor));
    expect(report.outputs.find((o) => o.name === 'centroid')?.tolerance).toBe(BASE_TOLERANCE);
    expect(report.layers).toEqual([]);
  });

  it.each([
    ['axial', '1o', ['reflection']],
    ['chirality', '0e', ['reflection']],
    ['relative', '1e', ['reflection']],
    // Rotations act about the centroid: a centroid taken for a vector about the origin is wrong there too.
    ['centroid', '1o', ['rotation', 'reflection', 'translation']],
  ] as const)('declaring %s as %s reads broken under %j only', async (name, irreps, broken) => {
    const report = await runProbe(redeclare(equivariantSubject(), name, irreps), structure(2), { trials: 2 });
    for (const kind of ['rotation', 'reflection', 'translation', 'permutation'] as const) {
      expect(report.families[kind].verdict === 'broken', kind).toBe(
        (broken as readonly string[]).includes(kind),
      );
    }
    const trial = report.families[broken[0]].trials[0];
    expect(trial.outputs.find((o) => o.name === name)?.verdict).toBe('broken');
  });

  it('reads an order-dependent but E(3)-invariant function as broken under permutations only', async () => {
    const report = await runProbe(orderSensitiveSubject(), structure(3), { trials: 2 });
    expect(report.families.rotation.verdict).toBe('invariant');
    expect(report.families.reflection.verdict).toBe('invariant');
    expect(report.families.translation.verdict).toBe('invariant');
    expect(report.families.permutation.verdict).toBe('broken');
    expect(report.families.permutation.error).toBeGreaterThan(1e-2);
  });

  it('reads raw coordinates as broken under rotations, reflections and translations', async () => {
    const report = await runProbe(rawCoordinateSubject(), structure(4), { trials: 2 });
    expect(report.families.rotation.verdict).toBe('broken');
    expect(report.families.reflection.verdict).toBe('broken');
    expect(report.families.translation.verdict).toBe('broken');
    expect(report.families.permutation.verdict).toBe('invariant');
  });

  it('wraps a subject so species follow the atom index', async () => {
    const seen: Int32Array[] = [];
    const inner: ProbeSubject = {
      name: 'spy',
      outputs: [{ name: 's', irreps: '0e', perAtom: false }],
      hasLayers: false,
      evaluate: async (structures) => {
        seen.push(...structures.map((s) => s.species));
        return { outputs: structures.map(() => [Float64Array.of(1)]) };
      },
    };
    await speciesByIndex(inner, 3).evaluate([structure(5, 5)]);
    expect(Array.from(seen[0])).toEqual([0, 1, 2, 0, 1]);
  });

  it('reports custom transformations side by side, and a sweep that is exact at 0° and 360°', async () => {
    const x = structure(6, 5);
    const custom: TransformationSpec[] = [
      { kind: 'rotation', axis: [0, 0, 1], angle: 0.3 },
      { kind: 'composition', steps: [{ kind: 'inversion' }, { kind: 'translation', vector: [1, 2, 3] }] },
    ];
    const report = await runProbe(equivariantSubject(), x, {
      trials: 1,
      custom,
      sweep: { axis: [1, 1, 0], steps: 8 },
    });
    expect(report.custom).toHaveLength(2);
    for (const c of report.custom) {
      expect(c.error).toBeLessThan(TOL.f64);
      expect(c.positions).toHaveLength(15);
      const centroid = c.values.find((v) => v.name === 'centroid');
      expect(
        relativeError(centroid?.actual ?? [], centroid?.expected ?? [], centroid?.expected ?? []),
      ).toBeLessThan(TOL.f64);
    }
    expect(report.custom[1].outputs.find((o) => o.name === 'chirality')?.verdict).toBe('equivariant');
    expect(report.sweep?.angles).toEqual([0, 45, 90, 135, 180, 225, 270, 315, 360]);
    // At 0° and 360° g is the identity; ρ(g) is built from Euler angles, so ≈ 0 up to float64 trig.
    expect(report.sweep?.errors[0]).toBeLessThan(TOL.f64Tight);
    expect(Math.max(...(report.sweep?.errors ?? [1]))).toBeLessThan(TOL.f64);
  });

  it('rejects malformed transformations with a message', () => {
    const x = structure(7, 3);
    expect(() => resolve({ kind: 'rotation', matrix: [1, 0, 0, 0, 1, 0, 0, 0, 2] }, x)).toThrow(
      /not orthogonal/,
    );
    expect(() => resolve({ kind: 'rotation', matrix: [1, 0, 0, 0, 1, 0, 0, 0, -1] }, x)).toThrow(/improper/);
    expect(() => resolve({ kind: 'permutation', order: [0, 0, 1] }, x)).toThrow(/not a permutation/);
    expect(() => resolve({ kind: 'permutation', order: [0, 1] }, x)).toThrow(/2 indices for 3 atoms/);
    expect(() => resolve({ kind: 'reflection', normal: [0, 0, 0] }, x)).toThrow(/non-zero/);
  });
});

describe('group elements', () => {
  it('composes as the actions do, rotations and mirrors about the current centroid', () => {
    const x = structure(8, 6);
    const steps: TransformationSpec[] = [
      { kind: 'translation', vector: [0.5, -1, 2] },
      { kind: 'rotation', axis: [1, 2, 3], angle: 1.1 },
      { kind: 'permutation', order: [5, 3, 1, 0, 2, 4] },
      { kind: 'reflection', normal: [0.2, 1, -0.4] },
    ];
    let stepwise = x;
    for (const s of steps) stepwise = transformStructure(s, stepwise).structure;
    const whole = transformStructure({ kind: 'composition', steps }, x);
    expect(relativeError(whole.structure.positions, stepwise.positions, stepwise.positions)).toBeLessThan(
      TOL.f64,
    );
    expect(
      relativeError(applyToStructure(whole.element, x).positions, stepwise.positions, stepwise.positions),
    ).toBeLessThan(TOL.f64);
    expect(Array.from(whole.structure.species)).toEqual(Array.from(stepwise.species));
    const g1 = transformStructure(steps[1], x).element;
    const g2 = transformStructure(steps[2], x).element;
    const a = applyToStructure(compose(g2, g1), x).positions;
    const b = applyToStructure(g2, applyToStructure(g1, x)).positions;
    expect(relativeError(a, b, b)).toBeLessThan(TOL.f64);
  });
});

describe('metrics and structures', () => {
  it('moves every coordinate by exactly one float32 ulp', () => {
    const x = Float64Array.of(1, -2.5, 1e-3, 300, 0);
    const j = ulpJitter(x, () => 0.7);
    const f = Float32Array.from(x);
    for (let i = 0; i < x.length; i++) {
      expect(j[i]).not.toBe(f[i]);
      expect(Math.fround(j[i])).toBe(j[i]);
      expect(Math.abs(j[i] - f[i])).toBeLessThanOrEqual(Math.abs(f[i]) * 2 ** -23 + 1e-44);
    }
  });

  it('derives verdicts and tolerances as documented', () => {
    expect(tolerance(0)).toBe(BASE_TOLERANCE);
    expect(tolerance(1e-5)).toBeCloseTo(1e-4, 12);
    expect(tolerance(1)).toBe(1e-3);
    expect(verdictOf(1e-7, 1e-7, 1e-5)).toBe('invariant');
    expect(verdictOf(1e-7, 0.3, 1e-5)).toBe('equivariant');
    expect(verdictOf(2e-5, 0.3, 1e-5)).toBe('broken');
    expect(verdictOf(Number.NaN, 0, 1e-5)).toBe('broken');
    expect(relativeError([0, 0], [0, 0], [0, 0])).toBe(0);
    expect(relativeError([1, 0], [0, 0], [0, 0])).toBe(1);
  });

  it('places random atoms no closer than the minimum distance, reproducibly', () => {
    const a = randomStructure(new Rng(9), 40);
    const b = randomStructure(new Rng(9), 40);
    expect(Array.from(a.structure.positions)).toEqual(Array.from(b.structure.positions));
    expect(a.elements).toEqual(b.elements);
    const p = a.structure.positions;
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < i; j++)
        closest = Math.min(
          closest,
          Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]),
        );
    expect(closest).toBeGreaterThanOrEqual(RANDOM_MIN_DISTANCE);
    expect(new Set(a.elements).size).toBeGreaterThan(1);
  });
});
