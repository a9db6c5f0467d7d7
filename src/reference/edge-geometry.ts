/**
 * Float64 twins of the edge-geometry kernels (src/kernels/edge-geometry.ts):
 *   vec_e = pos[sender_e] − pos[receiver_e],   len_e = |vec_e|,
 * and the adjoint that carries ∂L/∂vec (and ∂L/∂len) back to the positions — the path forces
 * F = −∂E/∂pos take through a model's edge features.
 */
export function edgeVectors64(
  positions: ArrayLike<number>,
  senders: ArrayLike<number>,
  receivers: ArrayLike<number>,
): { vectors: Float64Array; lengths: Float64Array } {
  const m = senders.length;
  const vectors = new Float64Array(3 * m);
  const lengths = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    for (let c = 0; c < 3; c++)
      vectors[3 * e + c] = positions[3 * senders[e] + c] - positions[3 * receivers[e] + c];
    lengths[e] = Math.hypot(vectors[3 * e], vectors[3 * e + 1], vectors[3 * e + 2]);
  }
  return { vectors, lengths };
}

/**
 * ∂L/∂pos (3 per node) from ∂L/∂vec (3 per edge) and optionally ∂L/∂len: the length's gradient
 * joins the vector's as gradLen · vec / len (zero for a zero-length edge, where |·| has no
 * gradient), then node i collects +g_e from edges it sends and −g_e from edges it receives.
 */
export function edgeVectorsBackward64(
  numNodes: number,
  senders: ArrayLike<number>,
  receivers: ArrayLike<number>,
  gradVectors: ArrayLike<number>,
  gradLengths?: { gradLengths: ArrayLike<number>; vectors: ArrayLike<number>; lengths: ArrayLike<number> },
): Float64Array {
  const out = new Float64Array(3 * numNodes);
  for (let e = 0; e < senders.length; e++) {
    const scale =
      gradLengths && gradLengths.lengths[e] > 0 ? gradLengths.gradLengths[e] / gradLengths.lengths[e] : 0;
    for (let c = 0; c < 3; c++) {
      const g = gradVectors[3 * e + c] + (gradLengths ? scale * gradLengths.vectors[3 * e + c] : 0);
      out[3 * senders[e] + c] += g;
      out[3 * receivers[e] + c] -= g;
    }
  }
  return out;
}
