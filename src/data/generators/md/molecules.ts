/**
 * Small molecules for the harmonic bonded force field: equilibrium geometries built by hand from
 * standard experimental bond lengths and angles (CRC / NIST CCCBDB values, rounded), bonds listed
 * by hand, angles derived from the bonds. Rest lengths and rest angles are measured on the built
 * geometry, so it is an exact minimum (E = 0, F = 0) even where the input angles around an atom
 * are not mutually consistent. Force constants are AMBER/GAFF-like magnitudes (ff14SB `parm10`,
 * converted to E = ½ k x² in eV): realistic vibrational time scales, not a fitted force field.
 */
import {
  type Angle,
  angle as angleOf,
  anglesFromBonds,
  type Bond,
  distance,
  HarmonicBondedPotential,
} from './bonded';

/** Element indices used as species: H, C, N, O. */
export const ELEMENTS = ['H', 'C', 'N', 'O'] as const;
export type Element = (typeof ELEMENTS)[number];

/** Atomic masses (amu, IUPAC standard atomic weights). */
const MASS: Record<Element, number> = { H: 1.008, C: 12.011, N: 14.007, O: 15.999 };

/** Bond force constants k (eV/Å²) by element pair, E = ½ k (r − r₀)². */
const BOND_K: Record<string, number> = {
  'C-H': 29.5,
  'C-C': 26.9,
  'C-C aromatic': 40.7,
  'C-O': 27.8,
  'H-O': 48.0,
  'H-N': 37.6,
};

/** Angle force constants k (eV/rad²) by outer–centre–outer elements, E = ½ k (θ − θ₀)². */
const ANGLE_K: Record<string, number> = {
  'H-C-H': 3.04,
  'C-C-H': 4.34,
  'C-C-C': 5.46,
  'C-C-O': 4.34,
  'H-C-O': 4.34,
  'C-O-H': 4.77,
  'H-O-H': 3.3,
  'H-N-H': 3.5,
};

export const MOLECULE_NAMES = ['water', 'ammonia', 'methane', 'ethanol', 'benzene'] as const;
export type MoleculeName = (typeof MOLECULE_NAMES)[number];

export interface Molecule {
  name: MoleculeName;
  elements: Element[];
  species: Int32Array;
  masses: Float64Array;
  /** Equilibrium geometry (Å), n × 3. */
  positions: Float64Array;
  potential: HarmonicBondedPotential;
  /**
   * Permutations of identical atoms that map the parameterised topology to itself (generators
   * of its symmetry group): the energy is invariant under exactly these relabellings.
   * `perm[i]` is the atom whose position moves to slot i.
   */
  automorphisms: number[][];
}

interface Spec {
  elements: Element[];
  positions: number[][];
  bonds: [number, number][];
  aromatic?: boolean;
  automorphisms: number[][];
}

const deg = Math.PI / 180;

export function buildMolecule(name: MoleculeName): Molecule {
  const spec = SPECS[name]();
  const n = spec.elements.length;
  const positions = Float64Array.from(spec.positions.flat());
  const bonds: Bond[] = spec.bonds.map(([i, j]) => ({
    i,
    j,
    k: bondConstant(spec.elements[i], spec.elements[j], spec.aromatic ?? false),
    r0: distance(positions, i, j),
  }));
  const angles: Angle[] = anglesFromBonds(n, spec.bonds).map(([i, j, k]) => ({
    i,
    j,
    k,
    kTheta: angleConstant(spec.elements[i], spec.elements[j], spec.elements[k]),
    theta0: angleOf(positions, i, j, k),
  }));
  return {
    name,
    elements: spec.elements,
    species: Int32Array.from(spec.elements, (e) => ELEMENTS.indexOf(e)),
    masses: Float64Array.from(spec.elements, (e) => MASS[e]),
    positions,
    potential: new HarmonicBondedPotential(n, bonds, angles),
    automorphisms: spec.automorphisms,
  };
}

function bondConstant(a: Element, b: Element, aromatic: boolean): number {
  const key = [a, b].sort().join('-') + (aromatic && a === 'C' && b === 'C' ? ' aromatic' : '');
  const k = BOND_K[key];
  if (k === undefined) throw new Error(`no bond constant for ${key}`);
  return k;
}

function angleConstant(outer1: Element, centre: Element, outer2: Element): number {
  const [a, b] = [outer1, outer2].sort();
  const k = ANGLE_K[`${a}-${centre}-${b}`];
  if (k === undefined) throw new Error(`no angle constant for ${a}-${centre}-${b}`);
  return k;
}

/**
 * Natural extension reference frame (Parsons et al. 2005): the point D with |CD| = r,
 * ∠BCD = theta and dihedral ABCD = phi.
 */
function place(a: number[], b: number[], c: number[], r: number, theta: number, phi: number): number[] {
  const bc = normalise(sub(c, b));
  const nrm = normalise(cross(sub(b, a), bc));
  const m = cross(nrm, bc);
  const d = [-r * Math.cos(theta), r * Math.sin(theta) * Math.cos(phi), r * Math.sin(theta) * Math.sin(phi)];
  return [0, 1, 2].map((k) => c[k] + d[0] * bc[k] + d[1] * m[k] + d[2] * nrm[k]);
}

const sub = (p: number[], q: number[]) => [p[0] - q[0], p[1] - q[1], p[2] - q[2]];
const cross = (p: number[], q: number[]) => [
  p[1] * q[2] - p[2] * q[1],
  p[2] * q[0] - p[0] * q[2],
  p[0] * q[1] - p[1] * q[0],
];
const normalise = (p: number[]) => p.map((v) => v / Math.hypot(p[0], p[1], p[2]));

const SPECS: Record<MoleculeName, () => Spec> = {
  // O–H 0.9572 Å, ∠HOH 104.52°.
  water: () => {
    const [r, half] = [0.9572, (104.52 * deg) / 2];
    return {
      elements: ['O', 'H', 'H'],
      positions: [
        [0, 0, 0],
        [r * Math.sin(half), r * Math.cos(half), 0],
        [-r * Math.sin(half), r * Math.cos(half), 0],
      ],
      bonds: [
        [0, 1],
        [0, 2],
      ],
      automorphisms: [[0, 2, 1]],
    };
  },
  // N–H 1.012 Å, ∠HNH 106.67°: the H atoms on a cone whose half-angle α satisfies
  // cos θ = cos²α − ½ sin²α.
  ammonia: () => {
    const r = 1.012;
    const sinA = Math.sqrt((2 / 3) * (1 - Math.cos(106.67 * deg)));
    const cosA = Math.sqrt(1 - sinA * sinA);
    const h = [0, 1, 2].map((m) => [
      r * sinA * Math.cos((2 * Math.PI * m) / 3),
      -r * cosA,
      r * sinA * Math.sin((2 * Math.PI * m) / 3),
    ]);
    return {
      elements: ['N', 'H', 'H', 'H'],
      positions: [[0, 0, 0], ...h],
      bonds: [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
      automorphisms: [
        [0, 2, 3, 1],
        [0, 2, 1, 3],
      ],
    };
  },
  // C–H 1.087 Å on alternate corners of a cube (tetrahedral angles).
  methane: () => {
    const s = 1.087 / Math.sqrt(3);
    return {
      elements: ['C', 'H', 'H', 'H', 'H'],
      positions: [
        [0, 0, 0],
        [s, s, s],
        [s, -s, -s],
        [-s, s, -s],
        [-s, -s, s],
      ],
      bonds: [
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
      ],
      automorphisms: [
        [0, 2, 3, 4, 1],
        [0, 2, 1, 3, 4],
      ],
    };
  },
  // Anti ethanol (Cs): C–C 1.512, C–O 1.431, O–H 0.971, C–H 1.093 (methyl) / 1.098 (methylene) Å;
  // ∠CCO 107.8°, ∠COH 108.5°, ∠HCC 110.7° (methyl) / 110.2° (methylene), staggered hydrogens.
  ethanol: () => {
    const c1 = [0, 0, 0];
    const c2 = [1.512, 0, 0];
    const o = [c2[0] + 1.431 * Math.cos((180 - 107.8) * deg), 1.431 * Math.sin((180 - 107.8) * deg), 0];
    const hO = place(c1, c2, o, 0.971, 108.5 * deg, 180 * deg);
    const methyl = [180, 60, -60].map((phi) => place(o, c2, c1, 1.093, 110.7 * deg, phi * deg));
    const methylene = [120, -120].map((phi) => place(o, c1, c2, 1.098, 110.2 * deg, phi * deg));
    return {
      elements: ['C', 'C', 'O', 'H', 'H', 'H', 'H', 'H', 'H'],
      positions: [c1, c2, o, hO, ...methyl, ...methylene],
      bonds: [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 4],
        [0, 5],
        [0, 6],
        [1, 7],
        [1, 8],
      ],
      automorphisms: [
        [0, 1, 2, 3, 5, 6, 4, 7, 8],
        [0, 1, 2, 3, 4, 5, 6, 8, 7],
      ],
    };
  },
  // D6h: C–C 1.397 Å, C–H 1.084 Å, all angles 120°.
  benzene: () => {
    const ring = (r: number) =>
      [0, 1, 2, 3, 4, 5].map((m) => [r * Math.cos((m * Math.PI) / 3), r * Math.sin((m * Math.PI) / 3), 0]);
    const rotate = [1, 2, 3, 4, 5, 0];
    const reflect = [0, 5, 4, 3, 2, 1];
    return {
      elements: ['C', 'C', 'C', 'C', 'C', 'C', 'H', 'H', 'H', 'H', 'H', 'H'],
      positions: [...ring(1.397), ...ring(1.397 + 1.084)],
      bonds: [
        ...[0, 1, 2, 3, 4, 5].map((m): [number, number] => [m, (m + 1) % 6]),
        ...[0, 1, 2, 3, 4, 5].map((m): [number, number] => [m, m + 6]),
      ],
      aromatic: true,
      automorphisms: [
        [...rotate, ...rotate.map((m) => m + 6)],
        [...reflect, ...reflect.map((m) => m + 6)],
      ],
    };
  },
};
