/**
 * Complex-basis (SU(2)) Clebsch–Gordan coefficients ⟨l1 m1; l2 m2 | l3 m3⟩ for integer l, by the
 * Racah formula exactly as e3nn 0.5.1 writes it (`_su2_clebsch_gordan_coeff`). The alternating
 * sum is done in exact BigInt rationals, so there is no cancellation error at any l.
 */

const factorialCache: bigint[] = [1n];

function factorial(n: number): bigint {
  for (let k = factorialCache.length; k <= n; k++) factorialCache.push(factorialCache[k - 1] * BigInt(k));
  return factorialCache[n];
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** n / d as a double, correct to about one ulp even when n and d exceed 2^1024. */
function ratioToNumber(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const shift = bitLength(d) - bitLength(n) + 64;
  const q = shift >= 0 ? (n << BigInt(shift)) / d : n / (d << BigInt(-shift));
  return Number(q) * 2 ** -shift;
}

/** ⟨l1 m1; l2 m2 | l3 m3⟩ (Condon–Shortley phase); zero unless m3 = m1 + m2 and the triangle holds. */
export function su2ClebschGordanCoefficient(
  l1: number,
  m1: number,
  l2: number,
  m2: number,
  l3: number,
  m3: number,
): number {
  if (m3 !== m1 + m2) return 0;
  if (l3 < Math.abs(l1 - l2) || l3 > l1 + l2) return 0;
  if (Math.abs(m1) > l1 || Math.abs(m2) > l2 || Math.abs(m3) > l3) return 0;
  const f = factorial;
  const vmin = Math.max(-l1 + l2 + m3, -l1 + m1, 0);
  const vmax = Math.min(l2 + l3 + m1, l3 - l1 + l2, l3 + m3);

  // S = Σ_v (−1)^(v+l2+m2) (l2+l3+m1−v)! (l1−m1+v)! / (v! (l3−l1+l2−v)! (l3+m3−v)! (v+l1−l2−m3)!)
  // Every denominator divides K below, so S·K is a sum of integers: S = sumNum / K exactly.
  const a = l3 - l1 + l2;
  const b = l3 + m3;
  const c = l1 - l2 - m3;
  const sumDen = f(vmax) * f(a - vmin) * f(b - vmin) * f(vmax + c);
  let sumNum = 0n;
  for (let v = vmin; v <= vmax; v++) {
    const sign = (v + l2 + m2) % 2 === 0 ? 1n : -1n;
    const cofactor =
      (f(vmax) / f(v)) * (f(a - vmin) / f(a - v)) * (f(b - vmin) / f(b - v)) * (f(vmax + c) / f(v + c));
    sumNum += sign * f(l2 + l3 + m1 - v) * f(l1 - m1 + v) * cofactor;
  }
  if (sumNum === 0n) return 0;

  // C = sqrt((2l3+1) · prefactor) · S, evaluated as sign(S) · sqrt((2l3+1) · prefactor · S²).
  const preNum =
    BigInt(2 * l3 + 1) * f(l3 + l1 - l2) * f(l3 - l1 + l2) * f(l1 + l2 - l3) * f(l3 + m3) * f(l3 - m3);
  const preDen = f(l1 + l2 + l3 + 1) * f(l1 - m1) * f(l1 + m1) * f(l2 - m2) * f(l2 + m2);
  const magnitude = Math.sqrt(ratioToNumber(preNum * sumNum * sumNum, preDen * sumDen * sumDen));
  return sumNum > 0n ? magnitude : -magnitude;
}
