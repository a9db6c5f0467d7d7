import type { Sample } from '../data/generators/types';
import { applyToVectors, randomRotation } from '../o3/rotation';
import { Rng } from '../util/random';

/** Purposes of the random streams a run draws, so that they never share numbers. */
export const STREAM = { shuffle: 1, augment: 2, evalRotation: 3, equivariance: 4 } as const;

/**
 * A generator that depends only on (seed, purpose, index) — e.g. (run seed, augment, step) — so a
 * run resumed from a checkpoint at step k draws exactly what the uninterrupted run drew.
 */
export function streamOf(seed: number, purpose: number, index: number): Rng {
  const mixer = new Rng(seed);
  const word = mixer.nextUint32() ^ Math.imul(purpose, 0x9e3779b1);
  return new Rng((word >>> 0) + (index + 1) * 4294967296);
}

/**
 * The same sample with its positions and every vector quantity (velocities, vector targets,
 * forces) rotated by R; labels, energies and species unchanged.
 */
export function rotateSample(s: Sample, R: Float64Array): Sample {
  const turn = (v: Float64Array | undefined) => (v ? applyToVectors(R, v) : undefined);
  const out: Sample = {
    ...s,
    structure: { ...s.structure, positions: applyToVectors(R, s.structure.positions) },
  };
  if (s.velocities) out.velocities = turn(s.velocities);
  if (s.target) out.target = turn(s.target);
  if (s.forces) out.forces = turn(s.forces);
  return out;
}

/** Each sample under its own Haar-random rotation from `rng`. */
export function rotateSamples(samples: readonly Sample[], rng: Rng): Sample[] {
  return samples.map((s) => rotateSample(s, randomRotation(rng)));
}

/**
 * Indices of the training batch at `step`: epochs are seeded permutations of the training set cut
 * into batches of `batchSize` (the last one of an epoch may be short). A batch as large as the set
 * is the whole set in its own order every step (then the prepared batch can be reused).
 */
export function batchIndices(seed: number, step: number, size: number, batchSize: number): number[] {
  if (batchSize >= size) return Array.from({ length: size }, (_, i) => i);
  const perEpoch = Math.ceil(size / batchSize);
  const epoch = Math.floor(step / perEpoch);
  const order = Array.from({ length: size }, (_, i) => i);
  const rng = streamOf(seed, STREAM.shuffle, epoch);
  for (let i = size - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const start = (step % perEpoch) * batchSize;
  return order.slice(start, start + batchSize);
}
