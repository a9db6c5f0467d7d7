/**
 * Exclusive prefix sum with the total appended: out[i] = Σ_{j<i} x[j] for i ≤ n, so out has
 * n + 1 entries and out[n] is the sum of all of x (CSR offsets from counts). Sums wrap modulo
 * 2³², as the u32 GPU kernel's do. Twin of src/kernels/scan.ts.
 */
export function exclusiveScan(x: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(x.length + 1);
  let acc = 0;
  for (let i = 0; i < x.length; i++) {
    out[i] = acc;
    acc = (acc + x[i]) >>> 0;
  }
  out[x.length] = acc;
  return out;
}
