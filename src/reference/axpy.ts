/** Float64 twin of shaders/common/axpy.wgsl. */
export function axpy(a: number, x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = a * x[i] + y[i];
  return out;
}
