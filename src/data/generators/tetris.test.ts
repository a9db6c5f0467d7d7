import { describe, expect, it } from 'vitest';
import { TOL } from '../../test/tolerances';
import { minRmsdOverPermutations, minRmsdProper, mirrorX, permutations } from './superpose';
import {
  generateTetris,
  TETRIS_MIRROR_PAIRS,
  TETRIS_NUM_CLASSES,
  TETRIS_SHAPE_NAMES,
  tetrisMirrorOf,
  tetrisShape,
} from './tetris';

/** All pairwise distances, sorted (a rotation- and permutation-invariant fingerprint). */
function sortedDistances(p: Float64Array): number[] {
  const n = p.length / 3;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      out.push(Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]));
    }
  }
  return out.sort((a, b) => a - b);
}

describe('superposition', () => {
  it('finds zero RMSD for a rotated, translated copy and a positive one for a different shape', () => {
    const line = tetrisShape(3);
    const moved = Float64Array.from(line, (v, i) =>
      i % 3 === 0 ? line[i + 2] + 5 : i % 3 === 2 ? -line[i - 2] : v,
    );
    expect(minRmsdProper(line, moved)).toBeLessThan(TOL.rmsdOfCongruentShapes);
    expect(minRmsdProper(line, tetrisShape(2))).toBeGreaterThan(TOL.chiralRmsdMargin);
  });

  it('enumerates n! distinct permutations', () => {
    const perms = permutations(4);
    expect(perms.length).toBe(24);
    expect(new Set(perms.map((p) => p.join(','))).size).toBe(24);
  });
});

describe('tetris shapes', () => {
  it('has eight distinct shapes, none related to another by a rotation', () => {
    for (let a = 0; a < TETRIS_NUM_CLASSES; a++) {
      for (let b = a + 1; b < TETRIS_NUM_CLASSES; b++) {
        const rmsd = minRmsdOverPermutations(tetrisShape(a), tetrisShape(b));
        expect(rmsd, `${TETRIS_SHAPE_NAMES[a]} vs ${TETRIS_SHAPE_NAMES[b]}`).toBeGreaterThan(
          TOL.chiralRmsdMargin,
        );
      }
    }
  });

  it('has one chiral pair: mirror images that no rotation relates', () => {
    for (const [a, b] of TETRIS_MIRROR_PAIRS) {
      const shapeA = tetrisShape(a);
      const shapeB = tetrisShape(b);
      expect(minRmsdOverPermutations(mirrorX(shapeA), shapeB)).toBeLessThan(TOL.rmsdOfCongruentShapes);
      expect(minRmsdOverPermutations(shapeA, shapeB)).toBeGreaterThan(TOL.chiralRmsdMargin);
      // ... and neither equals its own mirror image.
      expect(minRmsdOverPermutations(mirrorX(shapeA), shapeA)).toBeGreaterThan(TOL.chiralRmsdMargin);
    }
  });

  it('maps every other shape to itself under a reflection, up to rotation and permutation', () => {
    for (let label = 0; label < TETRIS_NUM_CLASSES; label++) {
      const partner = tetrisMirrorOf(label);
      const rmsd = minRmsdOverPermutations(mirrorX(tetrisShape(label)), tetrisShape(partner));
      expect(rmsd, TETRIS_SHAPE_NAMES[label]).toBeLessThan(TOL.rmsdOfCongruentShapes);
      if (partner === label) expect(TETRIS_MIRROR_PAIRS.flat()).not.toContain(label);
    }
  });
});

describe('generateTetris', () => {
  it('gives canonical training shapes and rotated test shapes that keep their distances', () => {
    const data = generateTetris({ seed: 3, testCopies: 2 });
    expect(data.train.length).toBe(8);
    expect(data.test.length).toBe(16);
    expect(data.numClasses).toBe(8);
    expect(data.numSpecies).toBe(1);
    for (const sample of data.train) {
      const canonical = tetrisShape(sample.label ?? -1);
      // Centred canonical: identical up to a translation, so the difference is constant per axis.
      const p = sample.structure.positions;
      for (let i = 3; i < p.length; i++) {
        expect(p[i] - canonical[i]).toBeCloseTo(p[i % 3] - canonical[i % 3], 12);
      }
    }
    for (const sample of [...data.test, ...data.validation]) {
      const label = sample.label ?? -1;
      const want = sortedDistances(tetrisShape(label));
      const got = sortedDistances(sample.structure.positions);
      for (let k = 0; k < want.length; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(TOL.f64);
      expect(Array.from(sample.structure.species)).toEqual([0, 0, 0, 0]);
    }
  });

  it('centres shapes at the origin', () => {
    for (const sample of generateTetris({ seed: 1, augmentTrain: true }).train) {
      const p = sample.structure.positions;
      for (let d = 0; d < 3; d++)
        expect(Math.abs(p[d] + p[3 + d] + p[6 + d] + p[9 + d])).toBeLessThan(TOL.f64);
    }
  });

  it('reproduces a seed and changes with it', () => {
    const config = { seed: 11, trainCopies: 2, augmentTrain: true, noise: 0.05 };
    const a = generateTetris(config);
    const b = generateTetris(config);
    const c = generateTetris({ ...config, seed: 12 });
    expect(a).toEqual(b);
    expect(a.test[0].structure.positions).not.toEqual(c.test[0].structure.positions);
    expect(a.train[0].structure.positions).not.toEqual(c.train[0].structure.positions);
  });

  it('keeps the test split when the training size changes (independent streams)', () => {
    const small = generateTetris({ seed: 5, trainCopies: 1 });
    const large = generateTetris({ seed: 5, trainCopies: 4, augmentTrain: true });
    expect(small.test).toEqual(large.test);
  });

  it('rejects bad configs', () => {
    expect(() => generateTetris({ trainCopies: 0 })).toThrow(RangeError);
    expect(() => generateTetris({ testCopies: 1.5 })).toThrow(RangeError);
    expect(() => generateTetris({ noise: -1 })).toThrow(RangeError);
  });
});
