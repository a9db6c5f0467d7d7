import { describe, expect, it } from 'vitest';
import {
  type ShNormalization,
  type ShOptions,
  shDim,
  sphericalHarmonics,
  sphericalHarmonicsBackward,
} from '../o3/spherical-harmonics';
import { relativeError } from '../test/compare';
import { poisoned, withDevice } from '../test/gpu-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { computeShBackwardOnGpu, computeShOnGpu, encodeShForward, SH_GPU_LMAX } from './sh';

const LMAXES = [0, 1, 2, 3, 4, 5, 6, 7, 8, SH_GPU_LMAX];
const NORMALIZATIONS: ShNormalization[] = ['component', 'norm', 'integral'];
const N = 200;

/** Unit vectors, and Gaussian vectors with lengths spread over e^N(0, 0.5²) (unnormalized on purpose). */
function inputs(seed: number): { kind: string; vectors: Float32Array }[] {
  const rng = new Rng(seed);
  const unit = Float32Array.from(rng.unitVectors(N));
  const lengths = Array.from({ length: N }, () => Math.exp(0.5 * rng.normal()));
  const raw = Float32Array.from(rng.unitVectors(N).map((c, k) => c * lengths[Math.floor(k / 3)]));
  return [
    { kind: 'unit', vectors: unit },
    { kind: 'unnormalized', vectors: raw },
  ];
}

/** Largest relative error of one row (one vector's harmonics), each row against its own norm. */
function worstRowError(want: Float64Array, got: Float32Array, width: number): number {
  let worst = 0;
  for (let start = 0; start < want.length; start += width) {
    const e = relativeError(want.subarray(start, start + width), got.subarray(start, start + width));
    if (!(e <= worst)) worst = e; // NaN propagates
  }
  return worst;
}

const cases = NORMALIZATIONS.flatMap((normalization) =>
  [true, false].map((normalize) => [normalization, normalize] as const),
);

describe('generated SH kernels vs the float64 twin', () => {
  it.each(cases)('forward: %s, normalize %s, every lmax', async (normalization, normalize) => {
    const opts: ShOptions = { normalize, normalization };
    await withDevice(async (gpu) => {
      for (const { vectors } of inputs(11)) {
        for (const lmax of LMAXES) {
          const got = await computeShOnGpu(gpu, lmax, vectors, opts);
          const want = sphericalHarmonics(lmax, Float64Array.from(vectors), opts);
          expect(worstRowError(want, got, shDim(lmax))).toBeLessThan(TOL.f32Reduction);
        }
      }
    });
  });

  it.each(cases)('backward: %s, normalize %s, every lmax', async (normalization, normalize) => {
    const opts: ShOptions = { normalize, normalization };
    const rng = new Rng(12);
    await withDevice(async (gpu) => {
      for (const { vectors } of inputs(13)) {
        for (const lmax of LMAXES) {
          const gradOut = Float32Array.from(rng.normals(N * shDim(lmax)));
          const got = await computeShBackwardOnGpu(gpu, lmax, vectors, gradOut, opts);
          const want = sphericalHarmonicsBackward(
            lmax,
            Float64Array.from(vectors),
            Float64Array.from(gradOut),
            opts,
          );
          if (lmax === 0) expect(Array.from(got)).toEqual(new Array(3 * N).fill(0));
          else expect(relativeError(want, got)).toBeLessThan(TOL.f32Reduction);
        }
      }
    });
  });

  it('maps the zero vector to Y^0 only, like the twin', async () => {
    await withDevice(async (gpu) => {
      for (const normalize of [true, false]) {
        const got = await computeShOnGpu(gpu, 3, new Float32Array(3), {
          normalize,
          normalization: 'component',
        });
        expect(Array.from(got)).toEqual([1, ...new Array(15).fill(0)]);
      }
    });
  });

  it('writes every row of a 2D dispatch grid (more than 65535 workgroups)', async () => {
    await withDevice(async (gpu) => {
      const n = gpu.device.limits.maxComputeWorkgroupsPerDimension * 64 + 77;
      const vectors = gpu.storage('vectors', new Float32Array(3 * n).fill(0.5));
      const out = poisoned(gpu, 'out', n);
      const batch = gpu.batch();
      encodeShForward(batch, 0, vectors, out, n, { normalize: true, normalization: 'integral' });
      await batch.submit();
      const got = await gpu.readF32(out, n);
      expect(got.every((v) => v === Math.fround(1 / Math.sqrt(4 * Math.PI)))).toBe(true);
    });
  });
});
