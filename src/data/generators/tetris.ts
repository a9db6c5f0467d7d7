/**
 * e3nn's Tetris toy problem: eight shapes of four unit-cube centres, to be classified under
 * arbitrary rotations. Two of them are mirror images of each other (a chiral pair), so a model
 * can tell them apart only with a parity-odd (pseudoscalar, 0o) feature; E(3)-invariant scalars
 * (0e) cannot. Training shapes are canonical (unless augmented) and test shapes are rotated, so
 * a model generalises to the test set only if it is rotation-invariant by construction.
 */
import { applyToVectors, randomRotation } from '../../o3/rotation';
import type { Rng } from '../../util/random';
import { streamRng } from './seeds';
import { centred } from './superpose';
import type { Dataset, Sample } from './types';
import { requireInteger, requirePositive } from './validate';

export interface TetrisConfig {
  seed: number;
  /** Copies of each shape in the training split (default 1: the eight canonical shapes). */
  trainCopies: number;
  /** Rotate each training copy by a fresh Haar-random rotation (default false: canonical). */
  augmentTrain: boolean;
  /** Copies of each shape in the validation split, each under a fresh random rotation. */
  validationCopies: number;
  /** Copies of each shape in the test split, each under a fresh random rotation. */
  testCopies: number;
  /** Move each shape's centre of mass to the origin before rotating (default true). */
  centre: boolean;
  /** Standard deviation of Gaussian noise added to every coordinate after rotating (default 0). */
  noise: number;
}

export const TETRIS_DEFAULTS: TetrisConfig = {
  seed: 0,
  trainCopies: 1,
  augmentTrain: false,
  validationCopies: 4,
  testCopies: 8,
  centre: true,
  noise: 0,
};

/** Shape names in label order (e3nn's `tetris()` in its examples). */
export const TETRIS_SHAPE_NAMES = [
  'chiral_shape_1',
  'chiral_shape_2',
  'square',
  'line',
  'corner',
  'L',
  'T',
  'zigzag',
] as const;

/** Cube centres of each shape, in label order, exactly as e3nn lists them. */
const SHAPES: readonly (readonly [number, number, number])[][] = [
  // chiral_shape_1
  [
    [0, 0, 0],
    [0, 0, 1],
    [1, 0, 0],
    [1, 1, 0],
  ],
  // chiral_shape_2
  [
    [0, 0, 0],
    [0, 0, 1],
    [1, 0, 0],
    [1, -1, 0],
  ],
  // square
  [
    [0, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
    [1, 1, 0],
  ],
  // line
  [
    [0, 0, 0],
    [0, 0, 1],
    [0, 0, 2],
    [0, 0, 3],
  ],
  // corner
  [
    [0, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
    [1, 0, 0],
  ],
  // L
  [
    [0, 0, 0],
    [0, 0, 1],
    [0, 0, 2],
    [0, 1, 0],
  ],
  // T
  [
    [0, 0, 0],
    [0, 0, 1],
    [0, 0, 2],
    [0, 1, 1],
  ],
  // zigzag
  [
    [0, 0, 0],
    [1, 0, 0],
    [1, 1, 0],
    [2, 1, 0],
  ],
];

export const TETRIS_NUM_CLASSES = SHAPES.length;

/**
 * Pairs of labels whose shapes are mirror images of each other and are not related by any
 * rotation. Every other shape is its own mirror image up to a rotation (tetris.test.ts proves
 * both with an optimal superposition over all vertex correspondences).
 */
export const TETRIS_MIRROR_PAIRS: readonly (readonly [number, number])[] = [[0, 1]];

/** The label of the mirror image of shape `label` (itself for the six achiral shapes). */
export function tetrisMirrorOf(label: number): number {
  requireInteger('tetris label', label);
  if (label >= TETRIS_NUM_CLASSES) throw new RangeError(`tetris label must be < 8, got ${label}`);
  for (const [a, b] of TETRIS_MIRROR_PAIRS) {
    if (label === a) return b;
    if (label === b) return a;
  }
  return label;
}

/** The canonical cube centres of shape `label` as an n × 3 array (not centred). */
export function tetrisShape(label: number): Float64Array {
  if (!(label >= 0 && label < TETRIS_NUM_CLASSES)) throw new RangeError(`no tetris shape ${label}`);
  return Float64Array.from(SHAPES[label].flat());
}

export function generateTetris(overrides: Partial<TetrisConfig> = {}): Dataset {
  const config: TetrisConfig = { ...TETRIS_DEFAULTS, ...overrides };
  requireInteger('tetris trainCopies', config.trainCopies, 1);
  requireInteger('tetris validationCopies', config.validationCopies);
  requireInteger('tetris testCopies', config.testCopies);
  requirePositive('tetris noise', config.noise, true);
  return {
    name: 'tetris',
    task: 'classification',
    train: makeCopies(config, config.trainCopies, config.augmentTrain, streamRng(config.seed, 0)),
    validation: makeCopies(config, config.validationCopies, true, streamRng(config.seed, 1)),
    test: makeCopies(config, config.testCopies, true, streamRng(config.seed, 2)),
    numClasses: TETRIS_NUM_CLASSES,
    numSpecies: 1,
    meta: {
      config,
      shapeNames: [...TETRIS_SHAPE_NAMES],
      mirrorPairs: TETRIS_MIRROR_PAIRS.map((p) => [...p]),
      source: 'e3nn examples/tetris (Geiger & Smidt, e3nn, 2022)',
    },
  };
}

/** `copies` rounds of all eight shapes (copy-major), each rotated if `rotate`, then noised. */
function makeCopies(config: TetrisConfig, copies: number, rotate: boolean, rng: Rng): Sample[] {
  const samples: Sample[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (let label = 0; label < TETRIS_NUM_CLASSES; label++) {
      let positions = tetrisShape(label);
      // Equal masses: the centre of mass is the centroid.
      if (config.centre) positions = centred(positions);
      if (rotate) positions = applyToVectors(randomRotation(rng), positions);
      if (config.noise > 0)
        for (let i = 0; i < positions.length; i++) positions[i] += config.noise * rng.normal();
      samples.push({ structure: { positions, species: new Int32Array(positions.length / 3) }, label });
    }
  }
  return samples;
}
