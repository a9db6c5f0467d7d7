/**
 * Tables that drive the Clebsch–Gordan tensor-product shaders (shaders/tp), built once per plan.
 *
 * Every path of every mode is a trilinear form Σ pathWeight · W · C[i,j,k] · x1[u,i] · x2[v,j] · g[w,k].
 * The forward pass and both input gradients are the same *contraction* with the roles permuted:
 * output O, inputs A and B. For a direction, each path becomes a `ContractionTerm` that adds
 *   O[r, io] += pathWeight · Σ_{a<nA, b<nB} W[(a,b,r)·wStride] · Σ_{CG} C · A[(a,b,r)·aStride, ia] · B[(a,b,r)·bStride, ib]
 * where r is O's multiplicity index and (a, b) the mode's remaining free indices. All five modes
 * are derived mechanically from which of u, v, w index x1, x2, out and the weights (`MODES`).
 */
import type { ConnectionMode, TpPath, TpPlan } from '../o3/tp-instructions';
import { sparseWigner3j } from '../o3/wigner3j-sparse';

export type Direction = 'forward' | 'gradX1' | 'gradX2';
type Operand = 'x1' | 'x2' | 'out';
type FreeIndex = 'u' | 'v' | 'w';
type Vec3 = [number, number, number];

/** Which free index is each operand's row, and the free indices of the weight tensor in order. */
const MODES: Record<ConnectionMode, { rows: Record<Operand, FreeIndex>; weight: FreeIndex[] }> = {
  uvw: { rows: { x1: 'u', x2: 'v', out: 'w' }, weight: ['u', 'v', 'w'] },
  uvu: { rows: { x1: 'u', x2: 'v', out: 'u' }, weight: ['u', 'v'] },
  uvv: { rows: { x1: 'u', x2: 'v', out: 'v' }, weight: ['u', 'v'] },
  uuw: { rows: { x1: 'u', x2: 'u', out: 'w' }, weight: ['u', 'w'] },
  uuu: { rows: { x1: 'u', x2: 'u', out: 'u' }, weight: ['u'] },
};

/** (A, B, O) per direction; C's index for each operand is i (x1), j (x2), k (out). */
const ROLES: Record<Direction, [Operand, Operand, Operand]> = {
  forward: ['x1', 'x2', 'out'],
  gradX1: ['x2', 'out', 'x1'],
  gradX2: ['x1', 'out', 'x2'],
};

/** Most floats of the workgroup tile that stages (pair, io) sums (8 KiB of the 16 KiB every adapter has). */
export const STAGING_TILE = 2048;
const MIN_WORKGROUP = 8;
const MAX_WORKGROUP = 64;
/** u32 words per term in the packed table (must match TERM_STRIDE in cg_contract.wgsl). */
export const TERM_STRIDE = 24;
/** u32 words per path in the weight-gradient table (must match PATH_STRIDE in cg_weight_grad.wgsl). */
export const WEIGHT_PATH_STRIDE = 16;

export interface ContractionTerm {
  offsetO: number;
  widthO: number;
  mulO: number;
  offsetA: number;
  widthA: number;
  offsetB: number;
  widthB: number;
  nA: number;
  nB: number;
  aStride: Vec3;
  bStride: Vec3;
  weightOffset: number;
  wStride: Vec3;
  hasWeight: boolean;
  pathWeight: number;
  /** True when A's and B's rows do not depend on r: the (pair, io) sums are shared by all rows. */
  staged: boolean;
  /** CG entries (ia, ib, c) grouped by output index io. */
  entries: { ia: number; ib: number; c: number }[][];
}

function block(path: TpPath, operand: Operand): { offset: number; width: number; mul: number } {
  if (operand === 'x1') return { offset: path.offset1, width: 2 * path.l1 + 1, mul: path.mul1 };
  if (operand === 'x2') return { offset: path.offset2, width: 2 * path.l2 + 1, mul: path.mul2 };
  return { offset: path.offsetOut, width: 2 * path.lOut + 1, mul: path.mulOut };
}

/** Paths with a zero multiplicity do nothing (e3nn drops them from its generated code too). */
function livePaths(plan: TpPlan): TpPath[] {
  return plan.paths.filter((p) => p.mul1 > 0 && p.mul2 > 0 && p.mulOut > 0);
}

export function contractionTerms(plan: TpPlan, direction: Direction): ContractionTerm[] {
  const [opA, opB, opO] = ROLES[direction];
  return livePaths(plan).map((path) => {
    const mode = MODES[path.mode];
    const size: Record<FreeIndex, number> = { u: path.mul1, v: path.mul2, w: path.mulOut };
    const r = mode.rows[opO];
    const loops = (['u', 'v', 'w'] as FreeIndex[]).filter((f) => f !== r && mode.weight.includes(f));
    // A free index of the mode that is neither r nor a weight index cannot exist (every mode's
    // weight lists all its free indices), but the rows of A and B may still be r itself.
    const role = (f: FreeIndex): Vec3 => (f === r ? [0, 0, 1] : f === loops[0] ? [1, 0, 0] : [0, 1, 0]);
    const wStride: Vec3 = [0, 0, 0];
    let stride = 1;
    for (let n = mode.weight.length - 1; n >= 0; n--) {
      const f = mode.weight[n];
      const axis = f === r ? 2 : f === loops[0] ? 0 : 1;
      wStride[axis] = stride;
      stride *= size[f];
    }
    const [A, B, O] = [block(path, opA), block(path, opB), block(path, opO)];
    const aStride = role(mode.rows[opA]);
    const bStride = role(mode.rows[opB]);
    const index = { x1: 'i', x2: 'j', out: 'k' } as const;
    const entries: ContractionTerm['entries'] = Array.from({ length: O.width }, () => []);
    for (const e of sparseWigner3j(path.l1, path.l2, path.lOut)) {
      entries[e[index[opO]]].push({ ia: e[index[opA]], ib: e[index[opB]], c: e.c });
    }
    return {
      offsetO: O.offset,
      widthO: O.width,
      mulO: O.mul,
      offsetA: A.offset,
      widthA: A.width,
      offsetB: B.offset,
      widthB: B.width,
      nA: loops.length > 0 ? size[loops[0]] : 1,
      nB: loops.length > 1 ? size[loops[1]] : 1,
      aStride,
      bStride,
      weightOffset: path.weightOffset,
      wStride,
      hasWeight: path.hasWeight,
      pathWeight: path.pathWeight,
      staged: aStride[2] === 0 && bStride[2] === 0 && O.mul > 1,
      entries,
    };
  });
}

export interface PackedContraction {
  /** Terms (TERM_STRIDE words each) followed by each term's widthO + 1 CG range bounds. */
  terms: Uint32Array;
  /** Pairs of words per CG entry: ia | ib << 16, then the f32 bits of C. */
  cg: Uint32Array;
  numTerms: number;
}

export function packContraction(terms: readonly ContractionTerm[]): PackedContraction {
  const rangeWords = terms.reduce((s, t) => s + t.widthO + 1, 0);
  const table = new Uint32Array(Math.max(1, terms.length * TERM_STRIDE + rangeWords));
  const tableF32 = new Float32Array(table.buffer);
  const cgWords: number[] = [];
  const cgF32 = new Float32Array(1);
  const cgU32 = new Uint32Array(cgF32.buffer);
  let rangeAt = terms.length * TERM_STRIDE;
  terms.forEach((t, n) => {
    const s = n * TERM_STRIDE;
    table.set([t.offsetO, t.widthO, t.mulO, t.offsetA, t.widthA, t.offsetB, t.widthB, t.nA, t.nB], s);
    table.set([...t.aStride, ...t.bStride, t.weightOffset, ...t.wStride, t.hasWeight ? 1 : 0], s + 9);
    tableF32[s + 20] = t.pathWeight;
    table[s + 21] = rangeAt;
    table[s + 22] = t.staged ? 1 : 0;
    for (const group of t.entries) {
      table[rangeAt++] = cgWords.length / 2;
      for (const { ia, ib, c } of group) {
        cgF32[0] = c;
        cgWords.push(ia | (ib << 16), cgU32[0]);
      }
    }
    table[rangeAt++] = cgWords.length / 2;
  });
  return { terms: table, cg: Uint32Array.from(cgWords.length ? cgWords : [0, 0]), numTerms: terms.length };
}

/** Weights of one path that share their x1 and x2 rows (consecutive w) and are done by one invocation. */
export const WEIGHT_GROUP = 8;

export interface PackedWeightGradient {
  /** Path descriptors, then (path, first weight, count) per group, then each path's CG ranges. */
  table: Uint32Array;
  groupsStart: number;
  numGroups: number;
}

/**
 * Weight-gradient table. A path descriptor says where a weight's x1, x2 and ∂out rows come from
 * in its local index split over the weight shape (idx0, idx1, idx2). When the last weight index
 * only moves the ∂out row (uvw, uuw), up to WEIGHT_GROUP consecutive weights form a group that
 * shares one CG sum per k; other modes use groups of one weight.
 */
export function packWeightGradient(plan: TpPlan, forward: PackedContraction): PackedWeightGradient {
  const weighted = livePaths(plan)
    .map((path, term) => ({ path, term }))
    .filter(({ path }) => path.hasWeight);
  const groups: number[] = [];
  weighted.forEach(({ path }, n) => {
    for (const [first, count] of weightGroups(path)) groups.push(n, path.weightOffset + first, count);
  });
  const groupsStart = weighted.length * WEIGHT_PATH_STRIDE;
  const rangesStart = groupsStart + groups.length;
  const rangeWords = weighted.reduce((s, { path }) => s + 2 * path.lOut + 2, 0);
  const table = new Uint32Array(Math.max(1, rangesStart + rangeWords));
  const tableF32 = new Float32Array(table.buffer);
  table.set(groups, groupsStart);
  let rangeAt = rangesStart;
  weighted.forEach(({ path, term }, n) => {
    const s = n * WEIGHT_PATH_STRIDE;
    const { rows, weight } = MODES[path.mode];
    const shape = [...path.weightShape, 1, 1];
    const widthO = 2 * path.lOut + 1;
    table.set([path.offset1, 2 * path.l1 + 1, path.offset2, 2 * path.l2 + 1, path.offsetOut, widthO], s);
    const selects = [weight.indexOf(rows.x2), weight.indexOf(rows.out)];
    table.set([rangeAt, shape[1], shape[2], ...selects, path.weightOffset], s + 6);
    tableF32[s + 12] = path.pathWeight;
    // The forward term of this path holds its CG ranges grouped by k; copy them.
    const forwardRanges = forward.terms[term * TERM_STRIDE + 21];
    table.set(forward.terms.subarray(forwardRanges, forwardRanges + widthO + 1), rangeAt);
    rangeAt += widthO + 1;
  });
  return { table, groupsStart, numGroups: groups.length / 3 };
}

/**
 * (first local weight, count) of each group of a path. When consecutive weights differ only in the
 * ∂out row (the last weight index is out's alone: uvw, uuw), each run of mul_out weights is cut into
 * groups of up to WEIGHT_GROUP; otherwise every weight is its own group.
 */
function weightGroups(path: TpPath): [number, number][] {
  const { rows, weight } = MODES[path.mode];
  const last = weight[weight.length - 1];
  const grouped = rows.out === last && rows.x1 !== last && rows.x2 !== last;
  const run = grouped ? path.mulOut : 1;
  const out: [number, number][] = [];
  for (let base = 0; base < path.weightNumel; base += run) {
    for (let w = 0; w < run; w += WEIGHT_GROUP) out.push([base + w, Math.min(WEIGHT_GROUP, run - w)]);
  }
  return out;
}

/**
 * Launch shape of one direction: the workgroup (one per sample) gets as many invocations as the
 * sample has parallel work, up to 64, and the tile only as many floats as staging needs. Idle
 * invocations and unused workgroup memory are not free: on software adapters they dominate.
 */
export function contractionLaunch(
  terms: readonly ContractionTerm[],
  dimO: number,
): { workgroupSize: number; tile: number } {
  const staged = terms.filter((t) => t.staged).map((t) => t.nA * t.nB * t.widthO);
  // Every staged term must fit at least one pair (widthO floats) or its chunk loop cannot advance.
  const tile = Math.max(1, Math.min(STAGING_TILE, Math.max(0, ...staged)));
  const parallel = Math.max(dimO, ...staged);
  const workgroupSize = Math.min(
    MAX_WORKGROUP,
    Math.max(MIN_WORKGROUP, 2 ** Math.ceil(Math.log2(Math.max(1, parallel)))),
  );
  return { workgroupSize, tile };
}

function nnz(t: ContractionTerm): number {
  return t.entries.reduce((s, g) => s + g.length, 0);
}

/** FLOPs one term executes per sample (multiply and add counted separately, FMA = 2) with a given tile. */
export function termFlops(t: ContractionTerm, tile: number): number {
  const pairs = t.nA * t.nB;
  const outputs = t.mulO * t.widthO;
  if (!t.staged) return t.mulO * pairs * (3 * nnz(t) + 2 * t.widthO) + 2 * outputs;
  const chunks = Math.ceil(pairs / Math.floor(tile / t.widthO));
  return pairs * 3 * nnz(t) + outputs * pairs * 2 + chunks * outputs * 2;
}

/** FLOPs of the weight gradient per sample: each group sums 3·nnz once, then 2·(2l_out+1) per weight. */
export function weightGradientFlops(plan: TpPlan): number {
  return livePaths(plan)
    .filter((p) => p.hasWeight)
    .reduce((s, p) => {
      const groups = weightGroups(p).length;
      return (
        s + groups * 3 * sparseWigner3j(p.l1, p.l2, p.lOut).length + p.weightNumel * 2 * (2 * p.lOut + 1)
      );
    }, 0);
}

/** Per-sample dims of (A, B, O) in each direction. */
export function directionDims(plan: TpPlan, direction: Direction): [number, number, number] {
  const [d1, d2, dOut] = [plan.irrepsIn1.dim, plan.irrepsIn2.dim, plan.irrepsOut.dim];
  return { forward: [d1, d2, dOut], gradX1: [d2, dOut, d1], gradX2: [d1, dOut, d2] }[direction] as [
    number,
    number,
    number,
  ];
}

function directionFlops(plan: TpPlan, direction: Direction): number {
  const terms = contractionTerms(plan, direction);
  const { tile } = contractionLaunch(terms, directionDims(plan, direction)[2]);
  return terms.reduce((s, t) => s + termFlops(t, tile), 0);
}

/** FLOPs per sample of the forward kernel as it runs (FMA = 2; see the kernel note). */
export function cgForwardFlops(plan: TpPlan): number {
  return directionFlops(plan, 'forward');
}

/** FLOPs per sample of the backward pass: both input gradients and the weight gradient. */
export function cgBackwardFlops(plan: TpPlan): number {
  return directionFlops(plan, 'gradX1') + directionFlops(plan, 'gradX2') + weightGradientFlops(plan);
}
