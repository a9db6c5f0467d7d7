import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import { Rng } from '../util/random';
import { relativeDifference } from './evaluate';
import { predict } from './predict';

/** Every coordinate moved to a neighbouring float32 value (up or down at random): one ulp of input rounding. */
function nudged(s: Sample, rng: Rng): Sample {
  const positions = s.structure.positions.map((x) => {
    const f = Math.fround(x);
    const ulp = Math.max(Math.abs(f) * 2 ** -23, 2 ** -126);
    return Math.fround(f + (rng.next() < 0.5 ? -ulp : ulp));
  });
  return { ...s, structure: { ...s.structure, positions } };
}

/**
 * What float32 alone does to the model's outputs: ‖f(x + δ) − f(x)‖/‖f(x)‖ with δ one float32 ulp
 * per coordinate — the size of the rounding a rotation puts into the inputs. A rotation error near
 * this (or below the fixed float32 bound) is rounding amplified by the network, not a broken
 * symmetry; for energy models the larger of the energy and force differences.
 */
export async function float32Floor(
  gpu: Gpu,
  model: Model,
  samples: readonly Sample[],
  seed: number,
): Promise<number> {
  const rng = new Rng(seed + 0x5eed);
  const plain = await predict(gpu, model, samples);
  const moved = await predict(
    gpu,
    model,
    samples.map((s) => nudged(s, rng)),
  );
  const outputs = relativeDifference(moved.outputs, plain.outputs);
  return plain.forces && moved.forces
    ? Math.max(outputs, relativeDifference(moved.forces, plain.forces))
    : outputs;
}
