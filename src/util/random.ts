/**
 * Seeded, reproducible PRNG: xoshiro128** (32-bit state words, fast in JS integer maths)
 * seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

/** splitmix32 step: returns [nextState, output]. Used only to expand the seed. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box–Muller produces normals in pairs; the second one is kept for the next call. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    // Expand the low and high 32 bits separately so that e.g. 2**32 and 0 give unrelated streams.
    const low = seedWords(Math.floor(seed) >>> 0);
    const high = seedWords((Math.floor(seed / TWO_POW_32) ^ 0x6a09e667) | 0);
    this.s0 = low[0] ^ high[0];
    this.s1 = low[1] ^ high[1];
    this.s2 = low[2] ^ high[2];
    this.s3 = low[3] ^ high[3];
    // xoshiro must not start from the all-zero state.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next raw 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with the full 53 bits of a double (two 32-bit draws). */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Uniform integer in [0, n), without modulo bias for n ≤ 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(`Rng.int(n) needs an integer 1 ≤ n ≤ 2^32, got ${n}`);
    }
    // Rejection keeps every value equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal N(0, 1) by Box–Muller. */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    // 1 - next() lies in (0, 1], so the log is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** n independent standard normals. */
  normals(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** n independent uniforms in [a, b). */
  uniforms(n: number, a = 0, b = 1): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform(a, b);
    return out;
  }

  /** n points uniform on the unit sphere, as rows (x, y, z) in a Float64Array of length 3n. */
  unitVectors(n: number): Float64Array {
    const out = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      // A normalised isotropic Gaussian is uniform on the sphere; redraw the (rare) tiny ones.
      let x: number;
      let y: number;
      let z: number;
      let norm: number;
      do {
        x = this.normal();
        y = this.normal();
        z = this.normal();
        norm = Math.hypot(x, y, z);
      } while (norm < 1e-8);
      out[3 * i] = x / norm;
      out[3 * i + 1] = y / norm;
      out[3 * i + 2] = z / norm;
    }
    return out;
  }
}

/** Four well-mixed 32-bit words from one 32-bit value, via splitmix32. */
function seedWords(value: number): number[] {
  let state = value | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(state);
    state = next;
    words.push(out | 0);
  }
  return words;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
