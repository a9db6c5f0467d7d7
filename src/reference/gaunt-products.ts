// Float64 twins of the two raw Gaunt-product routes (no degree weights): the sparse Gaunt sum
// (shaders/gaunt/direct.wgsl) and the S2-grid product (shaders/s2grid/*.wgsl). Both compute, per
// sample and channel, out_l3m3 = Σ G[l1m1, l2m2, l3m3] a_l1m1 b_l2m2 for l3 ≤ Lc, with a of
// degree ≤ La and b of degree ≤ Lb, all in the e3nn layout of gaunt-layout.ts.

import { gauntTable } from '../o3/gaunt';
import { coefficientCount, e3nnOffsets, type SignalShape, signalDim, signalIrreps } from '../o3/gaunt-layout';
import { productGrid } from '../o3/s2-product-grid';

/** Degrees of the two inputs and the output of one raw product, and the shared channel count. */
export interface ProductDegrees {
  readonly La: number;
  readonly Lb: number;
  readonly Lc: number;
  readonly channels: number;
}

export function checkSignal(name: string, x: ArrayLike<number>, shape: SignalShape, batch: number): void {
  if (!Number.isInteger(batch) || batch < 0)
    throw new RangeError(`batch must be an integer ≥ 0, got ${batch}`);
  const want = batch * signalDim(shape);
  if (x.length !== want) {
    throw new RangeError(
      `${name}: ${x.length} floats, expected ${batch} samples × ${signalIrreps(shape)} = ${want}`,
    );
  }
}

function checkInputs(d: ProductDegrees, a: ArrayLike<number>, b: ArrayLike<number>, batch: number): void {
  checkSignal('first input', a, { channels: d.channels, lmax: d.La }, batch);
  checkSignal('second input', b, { channels: d.channels, lmax: d.Lb }, batch);
}

/** Σ over the sparse Gaunt table, entry by entry, for every sample and channel. */
export function directProduct(
  d: ProductDegrees,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  batch: number,
): Float64Array {
  checkInputs(d, a, b, batch);
  const C = d.channels;
  const table = gauntTable(d.La, d.Lb, d.Lc);
  const [ia, ib, ic] = [d.La, d.Lb, d.Lc].map((lmax) => e3nnOffsets({ channels: C, lmax }));
  const [da, db, dc] = [d.La, d.Lb, d.Lc].map((lmax) => signalDim({ channels: C, lmax }));
  const out = new Float64Array(batch * dc);
  for (let s = 0; s < batch; s++) {
    for (let k = 0; k < table.nnz; k++) {
      const [i1, i2, i3] = [table.i1[k], table.i2[k], table.i3[k]];
      const g = table.value[k];
      let pa = s * da + ia.offset[i1];
      let pb = s * db + ib.offset[i2];
      let pc = s * dc + ic.offset[i3];
      for (let c = 0; c < C; c++) {
        out[pc] += g * a[pa] * b[pb];
        pa += ia.stride[i1];
        pb += ib.stride[i2];
        pc += ic.stride[i3];
      }
    }
  }
  return out;
}

/** One channel's SH vector (degree ≤ lmax) gathered out of the e3nn layout. */
function gather(
  x: ArrayLike<number>,
  base: number,
  c: number,
  offsets: { offset: Uint32Array; stride: Uint32Array },
  into: Float64Array,
): void {
  for (let i = 0; i < offsets.offset.length; i++)
    into[i] = x[base + offsets.offset[i] + c * offsets.stride[i]];
}

/** Coefficients → grid values: f_k = Σ_i Y_i(x_k) v_i over the first v.length columns. */
function toGrid(sh: Float64Array, dim: number, points: number, v: Float64Array, into: Float64Array): void {
  for (let k = 0; k < points; k++) {
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += sh[k * dim + i] * v[i];
    into[k] = sum;
  }
}

/** SH → Gauss–Legendre × uniform grid, multiply pointwise, quadrature back to degree ≤ Lc. */
export function gridProduct(
  d: ProductDegrees,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  batch: number,
): Float64Array {
  checkInputs(d, a, b, batch);
  const C = d.channels;
  const grid = productGrid(d.La, d.Lb, d.Lc);
  const [ia, ib, ic] = [d.La, d.Lb, d.Lc].map((lmax) => e3nnOffsets({ channels: C, lmax }));
  const [da, db, dc] = [d.La, d.Lb, d.Lc].map((lmax) => signalDim({ channels: C, lmax }));
  const va = new Float64Array(coefficientCount(d.La));
  const vb = new Float64Array(coefficientCount(d.Lb));
  const fa = new Float64Array(grid.points);
  const fb = new Float64Array(grid.points);
  const out = new Float64Array(batch * dc);
  for (let s = 0; s < batch; s++) {
    for (let c = 0; c < C; c++) {
      gather(a, s * da, c, ia, va);
      gather(b, s * db, c, ib, vb);
      toGrid(grid.sh, grid.dim, grid.points, va, fa);
      toGrid(grid.sh, grid.dim, grid.points, vb, fb);
      for (let j = 0; j < ic.offset.length; j++) {
        let sum = 0;
        for (let k = 0; k < grid.points; k++) sum += grid.weightedSh[k * grid.dim + j] * fa[k] * fb[k];
        out[s * dc + ic.offset[j] + c * ic.stride[j]] = sum;
      }
    }
  }
  return out;
}
