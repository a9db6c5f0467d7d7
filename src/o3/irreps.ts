/**
 * Irreducible representations of O(3) and direct sums of them, following e3nn 0.5.1
 * (`e3nn.o3.Irrep`, `e3nn.o3.Irreps`): same string syntax, ordering, layout and repr.
 */

export type Parity = 1 | -1;

const PARITY_LETTER: Record<Parity, string> = { 1: 'e', [-1]: 'o' };

/** One irrep (l, p): dimension 2l+1, parity p = +1 ("e", even) or −1 ("o", odd). */
export class Irrep {
  readonly l: number;
  readonly p: Parity;

  constructor(l: number, p: Parity) {
    if (!Number.isInteger(l) || l < 0) throw new RangeError(`Irrep: l must be an integer ≥ 0, got ${l}`);
    if (p !== 1 && p !== -1) throw new RangeError(`Irrep: p must be +1 or -1, got ${p}`);
    this.l = l;
    this.p = p;
  }

  /** Parses "1o", "2e", "0e"; like e3nn, "ly" means the spherical-harmonic parity (−1)^l. */
  static parse(text: string): Irrep {
    const name = text.trim();
    const match = /^(\d+)([eoy])$/.exec(name);
    if (!match) {
      throw new SyntaxError(
        `Unable to parse irrep "${text}": expected <l><parity> such as "0e", "1o" or "2y"`,
      );
    }
    const l = Number.parseInt(match[1], 10);
    const letter = match[2];
    const p: Parity = letter === 'e' ? 1 : letter === 'o' ? -1 : l % 2 === 0 ? 1 : -1;
    return new Irrep(l, p);
  }

  get dim(): number {
    return 2 * this.l + 1;
  }

  isScalar(): boolean {
    return this.l === 0 && this.p === 1;
  }

  equals(other: Irrep): boolean {
    return this.l === other.l && this.p === other.p;
  }

  /** e3nn orders irreps as the tuple (l, p), so "1o" < "1e". */
  compare(other: Irrep): number {
    return this.l - other.l || this.p - other.p;
  }

  toString(): string {
    return `${this.l}${PARITY_LETTER[this.p]}`;
  }
}

/** Irreps in the tensor product a ⊗ b: l from |l1−l2| to l1+l2, parity p1·p2 (e3nn `Irrep.__mul__`). */
export function irrepProduct(a: Irrep, b: Irrep): Irrep[] {
  const p = (a.p * b.p) as Parity;
  const out: Irrep[] = [];
  for (let l = Math.abs(a.l - b.l); l <= a.l + b.l; l++) out.push(new Irrep(l, p));
  return out;
}

export interface MulIrrep {
  readonly mul: number;
  readonly ir: Irrep;
}

export interface Slice {
  readonly start: number;
  readonly stop: number;
}

export interface IrrepsSort {
  readonly irreps: Irreps;
  /** p[oldIndex] = newIndex (e3nn's `p`). */
  readonly p: number[];
  /** inv[newIndex] = oldIndex (e3nn's `inv`). */
  readonly inv: number[];
}

type IrrepsInput = Irreps | string | ReadonlyArray<MulIrrep | readonly [number, Irrep | string]>;

/**
 * A direct sum of irreps with multiplicities, e.g. "8x0e+8x1o+4x2e". Data layout (as in e3nn):
 * blocks in order, each block mul × (2l+1), component (u, m) of a block at offset + u·(2l+1) + (m+l).
 */
export class Irreps implements Iterable<MulIrrep> {
  readonly blocks: readonly MulIrrep[];

  constructor(input: IrrepsInput = []) {
    if (input instanceof Irreps) {
      this.blocks = input.blocks;
    } else if (typeof input === 'string') {
      this.blocks = parseIrreps(input);
    } else {
      this.blocks = input.map((entry) => {
        const [mul, ir] = Array.isArray(entry) ? entry : [(entry as MulIrrep).mul, (entry as MulIrrep).ir];
        return makeMulIrrep(mul, typeof ir === 'string' ? Irrep.parse(ir) : ir);
      });
    }
  }

  static parse(text: string): Irreps {
    return new Irreps(text);
  }

  /** e3nn's `Irreps.spherical_harmonics(lmax, p)`: 1x0e+1x1o+1x2e+… for p = −1. */
  static sphericalHarmonics(lmax: number, p: Parity = -1): Irreps {
    const blocks: MulIrrep[] = [];
    for (let l = 0; l <= lmax; l++) blocks.push(makeMulIrrep(1, new Irrep(l, (p ** l) as Parity)));
    return new Irreps(blocks);
  }

  [Symbol.iterator](): Iterator<MulIrrep> {
    return this.blocks[Symbol.iterator]();
  }

  /** Number of (mul, ir) blocks. */
  get length(): number {
    return this.blocks.length;
  }

  get dim(): number {
    return this.blocks.reduce((sum, { mul, ir }) => sum + mul * ir.dim, 0);
  }

  /** Total multiplicity Σ mul. */
  get numIrreps(): number {
    return this.blocks.reduce((sum, { mul }) => sum + mul, 0);
  }

  get lmax(): number {
    if (this.blocks.length === 0) throw new RangeError('Cannot get lmax of empty Irreps');
    return Math.max(...this.blocks.map(({ ir }) => ir.l));
  }

  /** l of every single irrep, repeated mul times (e3nn `ls`). */
  get ls(): number[] {
    return this.blocks.flatMap(({ mul, ir }) => new Array<number>(mul).fill(ir.l));
  }

  /** [start, stop) of each block in the flat layout. */
  slices(): Slice[] {
    let start = 0;
    return this.blocks.map(({ mul, ir }) => {
      const stop = start + mul * ir.dim;
      const slice = { start, stop };
      start = stop;
      return slice;
    });
  }

  /** Total multiplicity of one irrep. */
  count(ir: Irrep | string): number {
    const target = typeof ir === 'string' ? Irrep.parse(ir) : ir;
    return this.blocks.reduce((sum, b) => sum + (b.ir.equals(target) ? b.mul : 0), 0);
  }

  /** Merges consecutive equal irreps and drops zero multiplicities (e3nn `simplify`). */
  simplify(): Irreps {
    const out: MulIrrep[] = [];
    for (const { mul, ir } of this.blocks) {
      const last = out[out.length - 1];
      if (last?.ir.equals(ir)) out[out.length - 1] = makeMulIrrep(last.mul + mul, ir);
      else if (mul > 0) out.push(makeMulIrrep(mul, ir));
    }
    return new Irreps(out);
  }

  removeZeroMultiplicities(): Irreps {
    return new Irreps(this.blocks.filter(({ mul }) => mul > 0));
  }

  /** Stable sort of the blocks by irrep (l, then p with "o" before "e"), as e3nn `sort`. */
  sort(): IrrepsSort {
    const inv = this.blocks.map((_, i) => i);
    inv.sort((i, j) => this.blocks[i].ir.compare(this.blocks[j].ir) || i - j);
    const p = new Array<number>(inv.length);
    inv.forEach((oldIndex, newIndex) => {
      p[oldIndex] = newIndex;
    });
    return { irreps: new Irreps(inv.map((i) => this.blocks[i])), p, inv };
  }

  /** sort() then simplify(): one block per distinct irrep (e3nn `regroup`). */
  regroup(): Irreps {
    return this.sort().irreps.simplify();
  }

  /** Direct sum: blocks of this followed by blocks of other. */
  concat(other: Irreps | string): Irreps {
    return new Irreps([...this.blocks, ...new Irreps(other).blocks]);
  }

  equals(other: Irreps | string): boolean {
    const b = new Irreps(other).blocks;
    return (
      b.length === this.blocks.length &&
      this.blocks.every((block, i) => block.mul === b[i].mul && block.ir.equals(b[i].ir))
    );
  }

  /** e3nn's compact repr, e.g. "8x0e+8x1o+4x2e" (multiplicity always written). */
  toString(): string {
    return this.blocks.map(({ mul, ir }) => `${mul}x${ir}`).join('+');
  }
}

function makeMulIrrep(mul: number, ir: Irrep): MulIrrep {
  if (!Number.isInteger(mul) || mul < 0) {
    throw new RangeError(`Irreps: multiplicity must be an integer ≥ 0, got ${mul} for ${ir}`);
  }
  return Object.freeze({ mul, ir });
}

function parseIrreps(text: string): MulIrrep[] {
  if (text.trim() === '') return [];
  return text.split('+').map((term, index) => {
    const match = /^\s*(?:(\d+)\s*x\s*)?(\d+[eoy])\s*$/.exec(term);
    if (!match) {
      throw new SyntaxError(
        `Unable to parse irreps "${text}": term ${index + 1} ("${term.trim()}") is not of the form ` +
          `[<mul>x]<l><parity>, e.g. "8x0e", "1o" or "4x2e"`,
      );
    }
    const mul = match[1] === undefined ? 1 : Number.parseInt(match[1], 10);
    return makeMulIrrep(mul, Irrep.parse(match[2]));
  });
}
