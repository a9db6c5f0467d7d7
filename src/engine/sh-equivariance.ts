import type { Gpu } from '../gpu/runtime';
import { computeShOnGpu } from '../kernels/sh';
import { Irreps } from '../o3/irreps';
import { anglesToMatrix, applyToVectors, randomAngles } from '../o3/rotation';
import { type ShNormalization, shDim, sphericalHarmonics } from '../o3/spherical-harmonics';
import { blockDiagonalD } from '../o3/wigner';
import { Rng } from '../util/random';
import type { ShEquivarianceReport } from './types';

/** Equivariance errors at or below this (relative, float32 pipelines) count as exact. */
export const EQUIVARIANCE_THRESHOLD = 1e-5;

function relativeDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += a[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

/** Applies the block-diagonal D (dim × dim, row-major) to each row of `rows`. */
function applyD(D: Float64Array, rows: ArrayLike<number>, n: number, dim: number): Float64Array {
  const out = new Float64Array(n * dim);
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < dim; i++) {
      let acc = 0;
      for (let j = 0; j < dim; j++) acc += D[i * dim + j] * rows[s * dim + j];
      out[s * dim + i] = acc;
    }
  }
  return out;
}

/**
 * Checks the GPU kernel against its transformation law Y(Rx) = D(R) Y(x) for a random
 * rotation: both sides from float32 GPU outputs, D(R) in float64. The floor is what the
 * kernel's own rounding (GPU vs float64 twin on the same inputs) contributes.
 */
export async function shEquivarianceOf(
  r: { lmax: number; seed: number; samples: number; normalization: ShNormalization },
  gpu: Gpu,
): Promise<ShEquivarianceReport> {
  const rng = new Rng(r.seed);
  const { alpha, beta, gamma } = randomAngles(rng);
  const R = anglesToMatrix(alpha, beta, gamma);
  const x = rng.unitVectors(r.samples);
  const rx = applyToVectors(R, x);
  const options = { normalize: true, normalization: r.normalization };
  const dim = shDim(r.lmax);
  const both = new Float32Array(6 * r.samples);
  both.set(x);
  both.set(rx, 3 * r.samples);
  const out = await computeShOnGpu(gpu, r.lmax, both, options);
  const yx = out.subarray(0, r.samples * dim);
  const yrx = out.subarray(r.samples * dim);
  const D = blockDiagonalD(Irreps.sphericalHarmonics(r.lmax), R);
  const relativeError = relativeDistance(yrx, applyD(D, yx, r.samples, dim));
  const float32Floor =
    relativeDistance(
      sphericalHarmonics(r.lmax, Float64Array.from(both.subarray(0, 3 * r.samples)), options),
      yx,
    ) +
    relativeDistance(
      sphericalHarmonics(r.lmax, Float64Array.from(both.subarray(3 * r.samples)), options),
      yrx,
    );
  const verdict =
    relativeError > EQUIVARIANCE_THRESHOLD ? 'broken' : r.lmax === 0 ? 'invariant' : 'equivariant';
  return {
    lmax: r.lmax,
    seed: r.seed,
    samples: r.samples,
    angles: [alpha, beta, gamma],
    relativeError,
    float32Floor,
    verdict,
  };
}
