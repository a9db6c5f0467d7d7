import type { Gpu } from '../gpu/runtime';
import { computeShOnGpu, SH_GPU_LMAX } from '../kernels/sh';
import { InputError } from './sh-service';
import type { ShFieldRequest, ShFieldResult } from './types';

/**
 * A UV sphere in e3nn's axes (polar axis y: x = sinβ sinα, y = cosβ, z = sinβ cosα), with
 * `bands` latitude bands and 2·bands longitude segments; the seam vertices are duplicated so
 * colours interpolate without wrapping artefacts.
 */
export function uvSphere(bands: number): { positions: Float32Array; indices: Uint32Array } {
  const segments = 2 * bands;
  const positions = new Float32Array((bands + 1) * (segments + 1) * 3);
  let p = 0;
  for (let i = 0; i <= bands; i++) {
    const beta = (Math.PI * i) / bands;
    for (let j = 0; j <= segments; j++) {
      const alpha = (2 * Math.PI * j) / segments;
      positions[p++] = Math.sin(beta) * Math.sin(alpha);
      positions[p++] = Math.cos(beta);
      positions[p++] = Math.sin(beta) * Math.cos(alpha);
    }
  }
  const indices = new Uint32Array(bands * segments * 6);
  let k = 0;
  for (let i = 0; i < bands; i++) {
    for (let j = 0; j < segments; j++) {
      const a = i * (segments + 1) + j;
      const b = a + segments + 1;
      indices.set([a, b, a + 1, a + 1, b, b + 1], k);
      k += 6;
    }
  }
  return { positions, indices };
}

/** Y_lm on the sphere mesh, computed by the GPU kernel for degree l and read out at order m. */
export async function shFieldOf(r: ShFieldRequest, gpu: Gpu): Promise<ShFieldResult> {
  if (!Number.isInteger(r.l) || r.l < 0 || r.l > SH_GPU_LMAX)
    throw new InputError(`l must be 0..${SH_GPU_LMAX}`);
  if (!Number.isInteger(r.m) || Math.abs(r.m) > r.l)
    throw new InputError(`m must be an integer with |m| ≤ l = ${r.l}`);
  const bands = Math.min(256, Math.max(8, Math.round(r.resolution)));
  const { positions, indices } = uvSphere(bands);
  const n = positions.length / 3;
  const dim = (r.l + 1) ** 2;
  const all = await computeShOnGpu(gpu, r.l, positions, { normalize: true, normalization: r.normalization });
  const column = r.l * r.l + r.m + r.l;
  const values = new Float32Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = all[i * dim + column];
    values[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { l: r.l, m: r.m, positions, indices, values, min, max };
}
