// Channelwise spherical signals: the irreps "C x 0e + C x 1o + … + C x L(p = (−1)^L)" that the
// Gaunt routes (direct, S2 grid, 2D Fourier) take and return. Each channel c is one function on the
// sphere, f_c = Σ_{l ≤ L, m} x[l, c, m] Y_lm, with Y the e3nn real harmonics (integral-normalised).
//
// Two layouts of one sample (C channels, L + 1 degrees, n = (L + 1)² coefficients per channel):
//  - e3nn (what callers hold): block l is mul-major, index C·l² + c·(2l + 1) + (m + l);
//  - channel-major: index c·n + coefficientIndex(l, m), i.e. each channel's SH vector contiguous.
// Within a channel, coefficients are ordered as sphericalHarmonics orders them: i = l² + l + m.

import { Irreps } from './irreps';

export interface SignalShape {
  /** C: the multiplicity shared by every degree. */
  readonly channels: number;
  /** L: the highest degree; every degree 0..L is present. */
  readonly lmax: number;
}

/** (L + 1)²: coefficients of one channel up to degree `lmax`. */
export function coefficientCount(lmax: number): number {
  return (lmax + 1) * (lmax + 1);
}

/** C·(L + 1)²: floats per sample. */
export function signalDim(shape: SignalShape): number {
  return shape.channels * coefficientCount(shape.lmax);
}

/** Index of (l, m) within one channel's SH vector: l² + l + m. */
export function coefficientIndex(l: number, m: number): number {
  return l * l + l + m;
}

/** The (l, m) of a within-channel coefficient index i = l² + l + m. */
export function degreeAndOrder(i: number): { l: number; m: number } {
  let l = Math.floor(Math.sqrt(i));
  // Guard the float sqrt at perfect squares.
  while (l * l > i) l--;
  while ((l + 1) * (l + 1) <= i) l++;
  return { l, m: i - l * l - l };
}

/** Index of (l, channel c, m) in the e3nn layout of one sample. */
export function e3nnIndex(channels: number, l: number, c: number, m: number): number {
  return channels * l * l + c * (2 * l + 1) + m + l;
}

/**
 * Per within-channel coefficient i = l² + l + m: where channel 0 of it sits in the e3nn layout
 * (C·l² + l + m) and the step to the next channel (2l + 1). Element (c, i) is offset[i] + c·stride[i].
 */
export function e3nnOffsets(shape: SignalShape): { offset: Uint32Array; stride: Uint32Array } {
  checkShape(shape);
  const n = coefficientCount(shape.lmax);
  const offset = new Uint32Array(n);
  const stride = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const { l, m } = degreeAndOrder(i);
    offset[i] = e3nnIndex(shape.channels, l, 0, m);
    stride[i] = 2 * l + 1;
  }
  return { offset, stride };
}

/** The irreps string of a channelwise signal: signalIrreps({channels: 4, lmax: 2}) = "4x0e+4x1o+4x2e". */
export function signalIrreps(shape: SignalShape): string {
  checkShape(shape);
  const terms: string[] = [];
  for (let l = 0; l <= shape.lmax; l++) terms.push(`${shape.channels}x${l}${l % 2 === 0 ? 'e' : 'o'}`);
  return terms.join('+');
}

/**
 * Reads the shape of a channelwise spherical signal from its irreps, e.g. "4x0e+4x1o+4x2e" →
 * {channels: 4, lmax: 2}. Every degree 0..L must appear exactly once, in order, with one shared
 * multiplicity and the parity (−1)^l of a function on the sphere.
 */
export function parseSignalIrreps(irreps: Irreps | string): SignalShape {
  const parsed = new Irreps(irreps);
  const text = parsed.toString();
  if (parsed.length === 0) throw new RangeError('signal irreps are empty: expected "C x 0e + C x 1o + …"');
  const channels = parsed.blocks[0].mul;
  parsed.blocks.forEach(({ mul, ir }, index) => {
    if (ir.l !== index) {
      const why =
        ir.l < index ? `degree ${ir.l} appears twice or out of order` : `degree ${index} is missing`;
      throw new RangeError(
        `signal irreps "${text}": ${why}; expected degrees 0, 1, …, L once each, in order`,
      );
    }
    const parity = index % 2 === 0 ? 1 : -1;
    if (ir.p !== parity) {
      const want = `${index}${parity === 1 ? 'e' : 'o'}`;
      throw new RangeError(
        `signal irreps "${text}": block ${index} is ${ir}, but a function on the sphere has parity (−1)^l: ` +
          `expected ${want}`,
      );
    }
    if (mul !== channels) {
      throw new RangeError(
        `signal irreps "${text}": every degree needs the same multiplicity (the channel count); ` +
          `degree 0 has ${channels}, degree ${index} has ${mul}`,
      );
    }
  });
  if (channels === 0) throw new RangeError(`signal irreps "${text}": the channel count is 0`);
  return { channels, lmax: parsed.length - 1 };
}

/** e3nn layout → channel-major, for `batch` samples stored one after another. */
export function toChannelMajor(x: ArrayLike<number>, shape: SignalShape, batch: number): Float64Array {
  return permute(x, shape, batch, (from, to) => [from, to]);
}

/** Channel-major → e3nn layout, for `batch` samples. */
export function fromChannelMajor(x: ArrayLike<number>, shape: SignalShape, batch: number): Float64Array {
  return permute(x, shape, batch, (from, to) => [to, from]);
}

/** Copies between the two layouts; `direction(e3nn, channelMajor)` returns [source, target] indices. */
function permute(
  x: ArrayLike<number>,
  shape: SignalShape,
  batch: number,
  direction: (e3nn: number, channelMajor: number) => [number, number],
): Float64Array {
  checkShape(shape);
  const dim = signalDim(shape);
  if (x.length !== batch * dim) {
    throw new RangeError(
      `signal of ${x.length} floats, expected ${batch} × ${dim} for ${signalIrreps(shape)}`,
    );
  }
  const { channels, lmax } = shape;
  const n = coefficientCount(lmax);
  const out = new Float64Array(x.length);
  for (let b = 0; b < batch; b++) {
    const base = b * dim;
    for (let l = 0; l <= lmax; l++) {
      for (let c = 0; c < channels; c++) {
        for (let m = -l; m <= l; m++) {
          const [src, dst] = direction(e3nnIndex(channels, l, c, m), c * n + coefficientIndex(l, m));
          out[base + dst] = x[base + src];
        }
      }
    }
  }
  return out;
}

/** Throws unless channels ≥ 1 and lmax ≥ 0 are integers. */
export function checkShape(shape: SignalShape): void {
  const { channels, lmax } = shape;
  if (!Number.isInteger(channels) || channels < 1)
    throw new RangeError(`channels must be an integer ≥ 1, got ${channels}`);
  if (!Number.isInteger(lmax) || lmax < 0) throw new RangeError(`lmax must be an integer ≥ 0, got ${lmax}`);
}
