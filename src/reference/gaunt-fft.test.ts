import { describe, expect, it } from 'vitest';
import { coefficientCount, fromChannelMajor, signalDim, toChannelMajor } from '../o3/gaunt-layout';
import { randomRotation } from '../o3/rotation';
import { fourierToSh, shToFourier } from '../o3/sh-fourier';
import { relativeError } from '../test/compare';
import { gauntProductCases, transformSignal } from '../test/gaunt-cases';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import { convolve2d } from './fft';
import { gauntDirect } from './gaunt';
import { type GauntFftShape, gauntFft, gauntFftBackward } from './gaunt-fft';
import { productFftSize, productPlan, projectionTable, shToColumnsTable } from './gaunt-fft-plan';

function randomInputs(rng: Rng, s: GauntFftShape, batch: number) {
  const dim = (lmax: number) => batch * signalDim({ channels: s.channels, lmax });
  return { x1: rng.normals(dim(s.L1)), x2: rng.normals(dim(s.L2)), gradOut: rng.normals(dim(s.Lout)) };
}

/** The textbook route of Luo et al.: full (2L+1)² Fourier grids, 2D FFT convolution, projection. */
function textbookRoute(s: GauntFftShape, x1: Float64Array, x2: Float64Array, batch: number): Float64Array {
  const { channels: C, L1, L2, Lout } = s;
  const [a, b] = [
    toChannelMajor(x1, { channels: C, lmax: L1 }, batch),
    toChannelMajor(x2, { channels: C, lmax: L2 }, batch),
  ];
  const [n1, n2, no] = [L1, L2, Lout].map(coefficientCount);
  const out = new Float64Array(batch * C * no);
  for (let i = 0; i < batch * C; i++) {
    const f1 = shToFourier(L1, a.subarray(i * n1, (i + 1) * n1));
    const f2 = shToFourier(L2, b.subarray(i * n2, (i + 1) * n2));
    const product = convolve2d(f1, 2 * L1 + 1, 2 * L1 + 1, f2, 2 * L2 + 1, 2 * L2 + 1);
    out.set(fourierToSh(L1 + L2, Lout, product), i * no);
  }
  return fromChannelMajor(out, { channels: C, lmax: Lout }, batch);
}

const RANDOM_SHAPES: [number, number, number, number, number][] = [
  [8, 8, 8, 2, 2],
  [8, 3, 5, 1, 2],
  [2, 7, 9, 2, 2],
  [0, 4, 4, 3, 2],
  [5, 5, 2, 1, 3],
  [1, 1, 0, 2, 2],
  [3, 2, 8, 1, 2], // Lout > L1 + L2: the top degrees are zero
];

describe('Gaunt product through the 2D Fourier basis, float64 twin', () => {
  it("matches e3nn's gaunt_products.json on every case", () => {
    for (const c of gauntProductCases()) {
      const got = gauntFft({ L1: c.L1, L2: c.L2, Lout: c.Lout, channels: c.channels }, c.x1, c.x2, c.batch);
      expect(relativeError(c.out, got), c.name).toBeLessThan(TOL.f64);
    }
  });

  it.each(RANDOM_SHAPES)(
    'matches gauntDirect and the textbook 2D-FFT route (L1 %i, L2 %i, Lout %i, C %i, batch %i)',
    (L1, L2, Lout, channels, batch) => {
      const shape = { L1, L2, Lout, channels };
      const { x1, x2 } = randomInputs(new Rng(1100 + 100 * L1 + 10 * L2 + Lout), shape, batch);
      const got = gauntFft(shape, x1, x2, batch);
      expect(relativeError(gauntDirect(L1, L2, Lout, channels, x1, x2, batch), got)).toBeLessThan(TOL.f64);
      expect(relativeError(textbookRoute(shape, x1, x2, batch), got)).toBeLessThan(TOL.f64);
    },
  );

  it('is O(3)-equivariant: rotations and reflections', () => {
    const shape = { L1: 6, L2: 5, Lout: 7, channels: 2 };
    const batch = 2;
    const rng = new Rng(1200);
    const { x1, x2 } = randomInputs(rng, shape, batch);
    const out = gauntFft(shape, x1, x2, batch);
    const signal = (lmax: number) => ({ channels: shape.channels, lmax });
    for (const sign of [1, -1]) {
      const R = randomRotation(rng).map((v) => sign * v);
      const a = transformSignal(x1, signal(shape.L1), R, batch);
      const b = transformSignal(x2, signal(shape.L2), R, batch);
      const want = transformSignal(out, signal(shape.Lout), R, batch);
      expect(relativeError(want, gauntFft(shape, a, b, batch))).toBeLessThan(TOL.f64);
    }
  });

  it('backward (adjoint of every step) matches central finite differences', () => {
    const shape = { L1: 4, L2: 3, Lout: 5, channels: 2 };
    const batch = 2;
    const { x1, x2, gradOut } = randomInputs(new Rng(1300), shape, batch);
    const { gradX1, gradX2 } = gauntFftBackward(shape, x1, x2, gradOut, batch);
    const loss = (a: Float64Array, b: Float64Array) =>
      gauntFft(shape, a, b, batch).reduce((s, v, i) => s + v * gradOut[i], 0);
    const h = 1e-3; // the loss is linear in each input: no truncation error, only round-off
    const central = (x: Float64Array, at: (y: Float64Array) => number) =>
      x.map((_, i) => {
        const [up, down] = [x.slice(), x.slice()];
        up[i] += h;
        down[i] -= h;
        return (at(up) - at(down)) / (2 * h);
      });
    expect(
      relativeError(
        central(x1, (y) => loss(y, x2)),
        gradX1,
      ),
    ).toBeLessThan(TOL.finiteDifferenceMultilinear);
    expect(
      relativeError(
        central(x2, (y) => loss(x1, y)),
        gradX2,
      ),
    ).toBeLessThan(TOL.finiteDifferenceMultilinear);
  });

  it('backward equals the forward with permuted degrees (the Gaunt coefficient is symmetric)', () => {
    const shape = { L1: 7, L2: 2, Lout: 6, channels: 3 };
    const batch = 2;
    const { x1, x2, gradOut } = randomInputs(new Rng(1400), shape, batch);
    const { gradX1, gradX2 } = gauntFftBackward(shape, x1, x2, gradOut, batch);
    const C = shape.channels;
    expect(
      relativeError(gauntFft({ L1: 6, L2: 2, Lout: 7, channels: C }, gradOut, x2, batch), gradX1),
    ).toBeLessThan(TOL.f64);
    expect(
      relativeError(gauntFft({ L1: 6, L2: 7, Lout: 2, channels: C }, gradOut, x1, batch), gradX2),
    ).toBeLessThan(TOL.f64);
  });

  it('builds O(L³) tables and a large enough FFT, and refuses mismatched plans and inputs', () => {
    for (const L of [0, 1, 4, 9]) {
      let nnz = 0;
      for (let l = 0; l <= L; l++) nnz += (2 * l + 1) * (l + 1); // each Y_lm: l + 1 frequencies u ≡ l (mod 2)
      expect(shToColumnsTable(L).index.length).toBe(nnz);
    }
    // A projection row sees every u of the right parity, and the others only up to l + 1.
    expect(projectionTable(4, 10).start[1]).toBe(6 + 1); // l = 0, m = 0: u = 0, 2, …, 10 and u = 1
    expect(productFftSize(6, 6)).toBe(25);
    expect(() => productPlan(3, 3, 3, 12)).toThrow(/too short/);
    const shape = { L1: 2, L2: 2, Lout: 2, channels: 1 };
    const x = new Float64Array(9);
    expect(() => gauntFft(shape, x, x, 1, productPlan(2, 3, 2))).toThrow(/plan is for/);
    expect(() => gauntFft(shape, x, new Float64Array(8), 1)).toThrow(/x2 has 8 values/);
  });
});
