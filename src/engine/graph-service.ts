import type { Gpu } from '../gpu/runtime';
import { batchStructuresOn, GPU_GRAPH_MIN_ATOMS } from '../models/graph-batch';
import { InputError } from './sh-service';
import type { RadiusGraphResult } from './types';

/** More edges than this would not draw usefully (and a few million are tens of MB). */
export const MAX_DRAWN_EDGES = 2_000_000;

/**
 * The radius graph of one structure, as the models build it (`batchStructuresOn`: the GPU cell
 * list for 2048+ atoms, the CPU below), returned as undirected pairs (i < j) for the view.
 */
export async function radiusGraphOf(
  gpu: Gpu,
  positions: Float64Array,
  cutoff: number,
): Promise<RadiusGraphResult> {
  if (!(Number.isFinite(cutoff) && cutoff > 0))
    throw new InputError(`cutoff must be a positive number (got ${cutoff})`);
  if (positions.length % 3 !== 0 || positions.length === 0)
    throw new InputError('positions must be a non-empty list of xyz triples');
  const n = positions.length / 3;
  const started = performance.now();
  const graph = await batchStructuresOn(gpu, [{ positions, species: new Int32Array(n) }], cutoff);
  const edges = graph.senders.length;
  if (edges / 2 > MAX_DRAWN_EDGES)
    throw new InputError(
      `${edges / 2} edges within ${cutoff}: more than the ${MAX_DRAWN_EDGES} the view draws; lower the cutoff`,
    );
  const pairs = new Uint32Array(edges);
  let k = 0;
  for (let e = 0; e < edges; e++) {
    const s = graph.senders[e];
    const r = graph.receivers[e];
    if (s < r) {
      pairs[k++] = s;
      pairs[k++] = r;
    }
  }
  return {
    cutoff,
    pairs: pairs.slice(0, k),
    builtOn: n >= GPU_GRAPH_MIN_ATOMS ? 'gpu' : 'cpu',
    ms: performance.now() - started,
  };
}
