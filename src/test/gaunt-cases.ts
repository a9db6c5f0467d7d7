// Shared fixtures for the Gaunt-product tests: e3nn's gaunt_products.json cases in flat arrays,
// and the O(3) action on channelwise signals.
import { parseSignalIrreps, type SignalShape, signalDim, signalIrreps } from '../o3/gaunt-layout';
import { Irreps } from '../o3/irreps';
import type { Mat3 } from '../o3/rotation';
import { blockDiagonalD } from '../o3/wigner';
import { loadRefdata } from './refdata';

interface ProductsFile {
  cases: {
    name: string;
    irreps_in1: string;
    irreps_in2: string;
    irreps_out: string;
    x1: number[][];
    x2: number[][];
    out: number[][];
  }[];
}

export interface GauntCase {
  name: string;
  L1: number;
  L2: number;
  Lout: number;
  channels: number;
  batch: number;
  x1: Float64Array;
  x2: Float64Array;
  out: Float64Array;
}

export function gauntProductCases(): GauntCase[] {
  return loadRefdata<ProductsFile>('gaunt_products.json').cases.map((c) => {
    const [s1, s2, so] = [c.irreps_in1, c.irreps_in2, c.irreps_out].map(parseSignalIrreps);
    if (s1.channels !== s2.channels || s1.channels !== so.channels)
      throw new Error(`${c.name}: channel mismatch`);
    return {
      name: c.name,
      L1: s1.lmax,
      L2: s2.lmax,
      Lout: so.lmax,
      channels: s1.channels,
      batch: c.x1.length,
      x1: Float64Array.from(c.x1.flat()),
      x2: Float64Array.from(c.x2.flat()),
      out: Float64Array.from(c.out.flat()),
    };
  });
}

/** x ↦ D(R) x per sample, D the block-diagonal Wigner matrix of the signal's irreps (parity (−1)^l). */
export function transformSignal(
  x: ArrayLike<number>,
  shape: SignalShape,
  R: Mat3,
  batch: number,
): Float64Array {
  const dim = signalDim(shape);
  const D = blockDiagonalD(new Irreps(signalIrreps(shape)), R);
  const out = new Float64Array(batch * dim);
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += D[i * dim + j] * x[s * dim + j];
      out[s * dim + i] = sum;
    }
  }
  return out;
}
