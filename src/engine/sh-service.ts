import type { Gpu } from '../gpu/runtime';
import { computeShOnGpu, SH_GPU_LMAX } from '../kernels/sh';
import { Irreps } from '../o3/irreps';
import { type ShOptions, shDim, sphericalHarmonics } from '../o3/spherical-harmonics';
import type { ShRequest, ShResult } from './types';

/** The CPU twin has no table limit; this bound only keeps outputs a sane size. */
export const SH_CPU_LMAX = 64;

export class InputError extends Error {
  override name = 'InputError';
}

export function validateShRequest(r: Pick<ShRequest, 'lmax' | 'vectors' | 'backend'>): void {
  const max = r.backend === 'gpu' ? SH_GPU_LMAX : SH_CPU_LMAX;
  if (!Number.isInteger(r.lmax) || r.lmax < 0 || r.lmax > max) {
    throw new InputError(
      `lmax must be an integer from 0 to ${max} on the ${r.backend} backend (got ${r.lmax})`,
    );
  }
  if (r.vectors.length % 3 !== 0) throw new InputError('vectors must hold 3 numbers per row');
  const bad = r.vectors.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new InputError(`vector ${Math.floor(bad / 3)} has a non-finite component`);
}

/** Spherical harmonics of many vectors, on the GPU kernel (float32) or the float64 twin. */
export async function sphericalHarmonicsOf(r: ShRequest, gpu: () => Promise<Gpu>): Promise<ShResult> {
  validateShRequest(r);
  const irreps = Irreps.sphericalHarmonics(r.lmax).toString();
  const dim = shDim(r.lmax);
  const options: ShOptions = { normalize: r.normalize, normalization: r.normalization };
  if (r.backend === 'cpu') return { irreps, dim, values: sphericalHarmonics(r.lmax, r.vectors, options) };
  const out = await computeShOnGpu(await gpu(), r.lmax, new Float32Array(r.vectors), options);
  return { irreps, dim, values: Float64Array.from(out) };
}
