/**
 * How an output transforms: ρ_out(g) from the output's declared irreps.
 *
 * Convention (e3nn's, checked in representation.test.ts): D¹(R) = R, so the three components of
 * a 1o block are plain (x, y, z). Forces, positions and any xyz vector are therefore declared
 * "1o" and need no reordering. An improper Q = −R (det −1) acts on an irrep (l, p) as
 * p · D^l(R) (`irrepDFromMatrix`, as e3nn's `D_from_matrix`), so 1o vectors transform by Q itself, 1e (axial) vectors by
 * det(Q)·Q, 0o scalars flip sign.
 */
import { Irreps } from '../o3/irreps';
import { irrepDFromMatrix } from '../o3/wigner';
import type { GroupElement } from './group';

/** One output of a probe subject. */
export interface OutputSpec {
  name: string;
  /** e3nn irreps of one row, e.g. "0e", "1o", "8x0e+0o". */
  irreps: string;
  /** One row per atom (rows follow the atoms under a permutation); otherwise one row per structure. */
  perAtom: boolean;
  /**
   * Rows are positions in the input's frame (predicted positions, EGNN's x): a translation t adds
   * t to each 1o block. Only outputs made of 1o blocks can be positions.
   */
  position?: boolean;
}

/** A spec with its irreps parsed once. */
export interface ParsedOutput extends OutputSpec {
  readonly parsed: Irreps;
  readonly dim: number;
}

export function parseOutput(spec: OutputSpec): ParsedOutput {
  const parsed = new Irreps(spec.irreps);
  if (parsed.dim === 0) throw new RangeError(`output "${spec.name}": irreps "${spec.irreps}" are empty`);
  if (spec.position && !parsed.blocks.every(({ ir }) => ir.l === 1 && ir.p === -1))
    throw new RangeError(`output "${spec.name}": a position must be 1o blocks, not "${spec.irreps}"`);
  return { ...spec, parsed, dim: parsed.dim };
}

/** Rows of one output for a structure of `numAtoms` atoms. */
export function rowsOf(spec: ParsedOutput, numAtoms: number): number {
  return spec.perAtom ? numAtoms : 1;
}

/**
 * ρ(g)·f: row i of the result is D(Q)·f_{π(i)} (+ t for positions); per-structure outputs are
 * not permuted. `values` is rows × dim, row-major.
 */
export function applyRepresentation(spec: ParsedOutput, g: GroupElement, values: Float64Array): Float64Array {
  const dim = spec.dim;
  const rows = values.length / dim;
  if (!Number.isInteger(rows))
    throw new RangeError(`output "${spec.name}": ${values.length} values, dim ${dim}`);
  const perm = spec.perAtom ? g.perm : null;
  if (perm && perm.length !== rows)
    throw new RangeError(`output "${spec.name}": permutation of ${perm.length} atoms on ${rows} rows`);
  // Block by block: D is block diagonal, one (2l+1)² matrix per irrep, shared by its copies.
  const blocks: { offset: number; n: number; D: Float64Array }[] = [];
  let offset = 0;
  for (const { mul, ir } of spec.parsed) {
    const D = irrepDFromMatrix(ir.l, ir.p, g.Q);
    for (let u = 0; u < mul; u++, offset += ir.dim) blocks.push({ offset, n: ir.dim, D });
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < rows; i++) {
    const src = (perm ? perm[i] : i) * dim;
    for (const { offset: o, n, D } of blocks) {
      for (let a = 0; a < n; a++) {
        let acc = 0;
        for (let b = 0; b < n; b++) acc += D[a * n + b] * values[src + o + b];
        out[i * dim + o + a] = acc + (spec.position ? g.t[a] : 0);
      }
    }
  }
  return out;
}
