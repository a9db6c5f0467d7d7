/** Starting geometries for pair-potential clusters: random compact packings, relaxed downhill. */
import type { Rng } from '../../../util/random';
import type { Potential } from './potential';

/**
 * n points uniform in a ball sized for close packing at nearest-neighbour distance d, no two
 * closer than 0.85 d (redrawn, and the ball grown, until they fit).
 */
export function randomCompactCluster(n: number, d: number, rng: Rng): Float64Array {
  // Close packing holds one atom per d³/√2 of volume; 0.74 fills a ball's worth of it.
  let radius = Math.cbrt((3 * n * (d ** 3 / Math.SQRT2)) / (4 * Math.PI * 0.74));
  const minDistance2 = (0.85 * d) ** 2;
  const points = new Float64Array(3 * n);
  let placed = 0;
  let failures = 0;
  while (placed < n) {
    const p = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
    if (p[0] ** 2 + p[1] ** 2 + p[2] ** 2 > 1) continue;
    const q = p.map((c) => c * radius);
    let fits = true;
    for (let j = 0; j < placed && fits; j++) {
      fits =
        (q[0] - points[3 * j]) ** 2 + (q[1] - points[3 * j + 1]) ** 2 + (q[2] - points[3 * j + 2]) ** 2 >=
        minDistance2;
    }
    if (fits) {
      points.set(q, 3 * placed++);
    } else if (++failures > 1000) {
      radius *= 1.05;
      failures = 0;
    }
  }
  return points;
}

/**
 * Steepest descent with every atom's step capped at `maxStep`: from a random packing to a
 * nearby local minimum, so that dynamics start without huge forces.
 */
export function relaxDownhill(
  potential: Potential,
  positions: Float64Array,
  iterations: number,
  maxStep: number,
): void {
  const forces = new Float64Array(positions.length);
  for (let it = 0; it < iterations; it++) {
    potential.energyAndForces(positions, forces);
    let largest = 0;
    for (let i = 0; i < forces.length; i += 3)
      largest = Math.max(largest, Math.hypot(forces[i], forces[i + 1], forces[i + 2]));
    if (largest === 0) return;
    // A small gradient step, shortened so that no atom moves further than maxStep.
    const scale = Math.min(0.01, maxStep / largest);
    for (let k = 0; k < positions.length; k++) positions[k] += scale * forces[k];
  }
}
