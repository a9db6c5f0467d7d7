/** Float64 twin of shaders/bench/peak_fma.wgsl for invocation `i`. */
export function peakFmaValue(i: number, iterations: number, a: number, b: number): number {
  const s = (i % 7) * 0.125;
  let total = 0;
  for (let chain = 0; chain < 8; chain++) {
    for (let lane = 0; lane < 4; lane++) {
      let x = s + 0.1 * lane + 0.01 * chain;
      for (let k = 0; k < iterations; k++) x = x * a + b;
      total += x;
    }
  }
  return total / 32;
}
