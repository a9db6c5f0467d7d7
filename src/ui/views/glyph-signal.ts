/**
 * Per-atom spherical signals for the glyph view: a per-atom irreps feature (e3nn layout) read as
 * SH coefficients, f_i(n) = Σ_lm c_i,lm Y_lm(n) (component normalisation, y polar), evaluated on
 * the vertices of a small sphere around each atom.
 */
import { Irreps } from '../../o3/irreps';
import { shDim, sphericalHarmonics } from '../../o3/spherical-harmonics';

/** Largest degree a glyph shows: finer detail is lost on a glyph a few pixels wide. */
export const GLYPH_LMAX = 6;

export interface GlyphSignal {
  lmax: number;
  /** n × (lmax+1)², block l at l², m = −l..l at l² + l + m. */
  coefficients: Float64Array;
}

/**
 * The SH coefficients of each atom's feature: the first copy of each degree l ≤ GLYPH_LMAX (both
 * parities read alike: a glyph shows the function on the sphere). Null when the rows do not fit.
 */
export function signalFromIrreps(irreps: string, values: ArrayLike<number>, n: number): GlyphSignal | null {
  let parsed: Irreps;
  try {
    parsed = Irreps.parse(irreps);
  } catch {
    return null;
  }
  const dim = parsed.dim;
  if (n < 1 || dim === 0 || values.length !== n * dim) return null;
  const blocks: { l: number; offset: number }[] = [];
  let offset = 0;
  for (const { mul, ir } of parsed) {
    if (ir.l <= GLYPH_LMAX && !blocks.some((b) => b.l === ir.l)) blocks.push({ l: ir.l, offset });
    offset += mul * ir.dim;
  }
  if (blocks.length === 0) return null;
  const lmax = Math.max(...blocks.map((b) => b.l));
  const width = shDim(lmax);
  const coefficients = new Float64Array(n * width);
  for (let i = 0; i < n; i++)
    for (const { l, offset: o } of blocks)
      for (let k = 0; k < 2 * l + 1; k++) coefficients[i * width + l * l + k] = values[i * dim + o + k];
  return { lmax, coefficients };
}

/** f_i at each unit direction: n × V values, row-major. */
export function evaluateSignal(signal: GlyphSignal, directions: Float64Array): Float64Array {
  const width = shDim(signal.lmax);
  const v = directions.length / 3;
  const y = sphericalHarmonics(signal.lmax, directions, { normalize: true, normalization: 'component' });
  const n = signal.coefficients.length / width;
  const out = new Float64Array(n * v);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < v; j++) {
      let s = 0;
      for (let k = 0; k < width; k++) s += signal.coefficients[i * width + k] * y[j * width + k];
      out[i * v + j] = s;
    }
  return out;
}
