import { describe, expect, it } from 'vitest';
import { Rng } from '../util/random';
import {
  coefficientIndex,
  degreeAndOrder,
  e3nnIndex,
  e3nnOffsets,
  fromChannelMajor,
  parseSignalIrreps,
  signalDim,
  signalIrreps,
  toChannelMajor,
} from './gaunt-layout';
import { Irreps } from './irreps';

describe('channelwise signal irreps', () => {
  it('parse "C x 0e + C x 1o + …" into channels and lmax, and format back', () => {
    expect(parseSignalIrreps('4x0e+4x1o+4x2e')).toEqual({ channels: 4, lmax: 2 });
    expect(parseSignalIrreps('0e')).toEqual({ channels: 1, lmax: 0 });
    expect(parseSignalIrreps(new Irreps('2x0e + 2x1y + 2x2y + 2x3y'))).toEqual({ channels: 2, lmax: 3 });
    expect(signalIrreps({ channels: 3, lmax: 3 })).toBe('3x0e+3x1o+3x2e+3x3o');
    const shape = { channels: 5, lmax: 6 };
    expect(signalDim(shape)).toBe(new Irreps(signalIrreps(shape)).dim);
  });

  it.each([
    ['', /empty/],
    ['4x0e+4x2e', /degree 1 is missing/],
    ['4x1o+4x2e', /degree 0 is missing/],
    ['4x0e+4x1o+4x1o', /degree 1 appears twice/],
    ['4x0e+4x1e', /parity \(−1\)\^l: expected 1o/],
    ['4x0o', /expected 0e/],
    ['4x0e+3x1o', /same multiplicity.*degree 0 has 4, degree 1 has 3/],
    ['0x0e+0x1o', /channel count is 0/],
    ['4x0e+4x1x', /Unable to parse/],
  ])('reject %j with a clear message', (text, message) => {
    expect(() => parseSignalIrreps(text)).toThrow(message);
  });
});

describe('layout helpers', () => {
  it('index within a channel as sphericalHarmonics does, and invert it', () => {
    let i = 0;
    for (let l = 0; l <= 20; l++) {
      for (let m = -l; m <= l; m++) {
        expect(coefficientIndex(l, m)).toBe(i);
        expect(degreeAndOrder(i++)).toEqual({ l, m: m + 0 }); // + 0: no −0
      }
    }
  });

  it('e3nn index agrees with the Irreps slices (block l is mul-major)', () => {
    const shape = { channels: 3, lmax: 4 };
    const slices = new Irreps(signalIrreps(shape)).slices();
    const { offset, stride } = e3nnOffsets(shape);
    for (let l = 0; l <= 4; l++) {
      for (let c = 0; c < 3; c++) {
        for (let m = -l; m <= l; m++) {
          const want = slices[l].start + c * (2 * l + 1) + m + l;
          expect(e3nnIndex(3, l, c, m)).toBe(want);
          const i = coefficientIndex(l, m);
          expect(offset[i] + c * stride[i]).toBe(want);
        }
      }
    }
  });

  it('channel-major conversion puts each channel contiguous and round-trips', () => {
    const shape = { channels: 3, lmax: 2 };
    const batch = 2;
    const x = new Rng(4).normals(batch * signalDim(shape));
    const cm = toChannelMajor(x, shape, batch);
    // sample 1, channel 2, (l, m) = (2, −1): channel-major 27 + 2·9 + 5, e3nn 27 + 3·4 + 2·5 + 1
    expect(cm[27 + 18 + coefficientIndex(2, -1)]).toBe(x[27 + e3nnIndex(3, 2, 2, -1)]);
    expect(Array.from(fromChannelMajor(cm, shape, batch))).toEqual(Array.from(x));
    expect(() => toChannelMajor(x.subarray(1), shape, batch)).toThrow(/expected 2 × 27/);
  });
});
