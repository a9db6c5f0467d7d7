// Group actions on feature rows for equivariance tests of layers and models.
import type { Irreps } from '../o3/irreps';
import { type Mat3, randomRotation } from '../o3/rotation';
import { blockDiagonalD } from '../o3/wigner';
import type { Rng } from '../util/random';

/** Each row x_n (laid out by `irreps`) → D(R)·x_n. */
export function transformRows(x: ArrayLike<number>, irreps: Irreps, R: Mat3): Float64Array {
  const dim = irreps.dim;
  const D = blockDiagonalD(irreps, R);
  const rows = x.length / dim;
  const out = new Float64Array(x.length);
  for (let n = 0; n < rows; n++) {
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += D[i * dim + j] * x[n * dim + j];
      out[n * dim + i] = s;
    }
  }
  return out;
}

/** A Haar-random rotation, or with `reflect` the improper −R (a rotation times the inversion). */
export function randomOrthogonal(rng: Rng, reflect: boolean): Mat3 {
  const R = randomRotation(rng);
  if (reflect) for (let i = 0; i < 9; i++) R[i] = -R[i];
  return R;
}

/** The actions an O(3)-equivariance test runs through. */
export const O3_ACTIONS = [
  { name: 'rotation', reflect: false },
  { name: 'reflection', reflect: true },
] as const;
