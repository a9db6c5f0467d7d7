/** Independent random streams derived from one seed, so that splits do not depend on each other. */
import { Rng } from '../../util/random';

/**
 * A generator for stream `stream` of `seed`. Streams are independent of each other and of the
 * order in which they are created: e.g. the test split stays the same when the train size changes.
 */
export function streamRng(seed: number, stream: number): Rng {
  if (!Number.isInteger(stream) || stream < 0 || stream >= 2 ** 20) {
    throw new RangeError(`streamRng: stream must be an integer in [0, 2^20), got ${stream}`);
  }
  // Rng expands the low and the high 32-bit words of its seed separately, so the pair
  // (hash of seed, stream + 1) gives unrelated streams; the sum stays below 2^53.
  const word = new Rng(seed).nextUint32();
  return new Rng(word + (stream + 1) * 4294967296);
}
