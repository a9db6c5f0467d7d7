/**
 * Sample molecules built from standard bond lengths, angles and dihedrals (internal coordinates
 * placed with NeRF), so that every geometry is chemically sensible by construction. Values: gas
 * phase experimental geometries where classic (water: r = 0.9572 Å, ∠ = 104.52°), otherwise typical
 * bond lengths (C–H 1.09, C–C 1.52, aromatic C–C 1.39, C–O 1.43, C=O 1.21–1.23, O–H 0.96 Å) and
 * ideal angles.
 */
import type { Frame } from '../../src/data/formats/types';
import { place, rounded, type Vec3 } from './geometry';

type Bond = [number, number, number];

/** A molecule under construction: atoms appended in order, bonds by index. */
class Builder {
  readonly elements: string[] = [];
  readonly positions: Vec3[] = [];
  readonly bonds: Bond[] = [];
  readonly names: string[] = [];

  /** Add an atom at p; returns its index. */
  add(element: string, p: Vec3, name = element): number {
    this.elements.push(element);
    this.positions.push(p);
    this.names.push(name);
    return this.elements.length - 1;
  }

  /** Add an atom bonded to c (order `order`) at |cd| = r, angle b-c-d, dihedral a-b-c-d. */
  grow(
    element: string,
    a: number,
    b: number,
    c: number,
    r: number,
    bend: number,
    torsion: number,
    order = 1,
    name = element,
  ): number {
    const p = this.positions;
    const d = this.add(element, place(p[a], p[b], p[c], r, bend, torsion), name);
    this.bond(c, d, order);
    return d;
  }

  bond(i: number, j: number, order = 1): void {
    this.bonds.push(i < j ? [i, j, order] : [j, i, order]);
  }

  frame(comment: string): Frame {
    return {
      positions: Float64Array.from(this.positions.flat(), (x) => rounded(x)),
      elements: [...this.elements],
      bonds: [...this.bonds].sort((x, y) => x[0] - y[0] || x[1] - y[1]),
      comment,
    };
  }
}

export function water(): Frame {
  const half = (104.52 / 2) * (Math.PI / 180);
  const r = 0.9572;
  const m = new Builder();
  // Centre of mass near the origin: O sits 0.0656 Å up the symmetry axis.
  const o = m.add('O', [0, 0, 0.0656]);
  for (const s of [1, -1]) m.bond(o, m.add('H', [0, s * r * Math.sin(half), 0.0656 - r * Math.cos(half)]));
  return m.frame('water (H2O), r(OH) = 0.9572 A, HOH = 104.52 deg');
}

/** Ethanol, staggered, O–H anti to the C–C bond. */
export function ethanol(): Frame {
  const m = new Builder();
  const c1 = m.add('C', [0, 0, 0]);
  const c2 = m.add('C', [1.512, 0, 0]);
  m.bond(c1, c2);
  const o = m.add('O', place([0, 1, 0], [0, 0, 0], [1.512, 0, 0], 1.425, 108.5, 0));
  m.bond(c2, o);
  m.grow('H', c1, c2, o, 0.96, 108.5, 180);
  for (const t of [180, 60, -60]) m.grow('H', o, c2, c1, 1.09, 110.5, t);
  for (const t of [120, -120]) m.grow('H', c1, o, c2, 1.09, 109.5, t);
  return m.frame('ethanol (C2H6O)');
}

/** Benzene, D6h, C–C 1.39 Å and C–H 1.09 Å, drawn with alternating (Kekulé) bonds. */
export function benzene(): Frame {
  const m = new Builder();
  const ring = Array.from({ length: 6 }, (_, k) => m.add('C', ringPoint(1.39, k)));
  for (let k = 0; k < 6; k++) m.bond(ring[k], ring[(k + 1) % 6], k % 2 === 0 ? 2 : 1);
  for (let k = 0; k < 6; k++) m.bond(ring[k], m.add('H', ringPoint(1.39 + 1.09, k)));
  return m.frame('benzene (C6H6)');
}

function ringPoint(radius: number, k: number): Vec3 {
  const a = (k * Math.PI) / 3;
  return [radius * Math.cos(a), radius * Math.sin(a), 0];
}

/**
 * Aspirin (acetylsalicylic acid): planar ring with a coplanar syn carboxylic acid on C1 and the
 * acetoxy group on C2 twisted out of the ring plane, as in the crystal structure.
 */
export function aspirin(): Frame {
  const m = new Builder();
  const ring = Array.from({ length: 6 }, (_, k) => m.add('C', ringPoint(1.39, k)));
  for (let k = 0; k < 6; k++) m.bond(ring[k], ring[(k + 1) % 6], k % 2 === 0 ? 1 : 2);
  const [c1, c2, c3, , , c6] = ring;
  // Carboxylic acid on C1, in the ring plane; C=O towards the ester side, O–H syn to C=O.
  const c7 = m.grow('C', c3, c2, c1, 1.48, 120, 180);
  m.grow('O', c2, c1, c7, 1.21, 122, 0, 2);
  const o9 = m.grow('O', c2, c1, c7, 1.34, 114, 180);
  m.grow('H', c1, c7, o9, 0.97, 106, 180);
  // Acetoxy on C2: aryl C–O, then the ester twisted ~90° out of the ring plane.
  const o10 = m.grow('O', c6, c1, c2, 1.39, 120, 180);
  const c11 = m.grow('C', c1, c2, o10, 1.36, 117, -90);
  m.grow('O', c2, o10, c11, 1.2, 123, 0, 2);
  const c13 = m.grow('C', c2, o10, c11, 1.5, 111, 180);
  for (const t of [180, 60, -60]) m.grow('H', o10, c11, c13, 1.09, 109.5, t);
  // Ring hydrogens on C3–C6.
  for (const k of [2, 3, 4, 5]) m.bond(ring[k], m.add('H', ringPoint(1.39 + 1.09, k)));
  return m.frame('aspirin (acetylsalicylic acid, C9H8O4)');
}

/** PDB naming of one alanine-dipeptide atom. */
interface PdbAtom {
  name: string;
  residue: 'ACE' | 'ALA' | 'NME';
  seq: number;
}

/**
 * Alanine dipeptide (Ac-Ala-NHMe) for backbone dihedrals phi, psi; trans peptides (omega 180°),
 * Engh–Huber bond lengths and angles, L-alanine. Atom order and names follow AMBER.
 */
export function alanineDipeptide(phi: number, psi: number): { frame: Frame; atoms: PdbAtom[] } {
  const m = new Builder();
  const atoms: PdbAtom[] = [];
  const tag = (i: number, name: string, residue: PdbAtom['residue'], seq: number) => {
    atoms[i] = { name, residue, seq };
    return i;
  };
  // Backbone heavy atoms first (placement order), then everything by PDB order below.
  const ch3a = tag(m.add('C', [0, 0, 0]), 'CH3', 'ACE', 1);
  const ca = tag(m.add('C', [1.52, 0, 0]), 'C', 'ACE', 1);
  const n2 = tag(m.add('N', place([0, 1, 0], [0, 0, 0], [1.52, 0, 0], 1.335, 116.2, 0)), 'N', 'ALA', 2);
  m.bond(ch3a, ca);
  m.bond(ca, n2);
  const ca2 = tag(m.grow('C', ch3a, ca, n2, 1.458, 121.7, 180), 'CA', 'ALA', 2);
  const c2 = tag(m.grow('C', ca, n2, ca2, 1.525, 111.2, phi), 'C', 'ALA', 2);
  const n3 = tag(m.grow('N', n2, ca2, c2, 1.335, 116.2, psi), 'N', 'NME', 3);
  const ch3n = tag(m.grow('C', ca2, c2, n3, 1.458, 121.7, 180), 'CH3', 'NME', 3);
  const oa = tag(m.grow('O', ca2, n2, ca, 1.231, 122.7, 0, 2), 'O', 'ACE', 1);
  const o2 = tag(m.grow('O', ch3n, n3, c2, 1.231, 122.7, 0, 2), 'O', 'ALA', 2);
  tag(m.grow('H', oa, ca, n2, 1.01, 119, 180), 'H', 'ALA', 2);
  tag(m.grow('H', o2, c2, n3, 1.01, 119, 180), 'H', 'NME', 3);
  // L-alanine: CB and HA on the sides that give the S configuration at CA.
  const cb = tag(m.grow('C', c2, n2, ca2, 1.53, 110.5, -122.5), 'CB', 'ALA', 2);
  tag(m.grow('H', c2, n2, ca2, 1.09, 109.5, 117.5), 'HA', 'ALA', 2);
  ['HB1', 'HB2', 'HB3'].forEach((name, k) => {
    tag(m.grow('H', n2, ca2, cb, 1.09, 109.5, 60 + 120 * k), name, 'ALA', 2);
  });
  ['HH31', 'HH32', 'HH33'].forEach((name, k) => {
    tag(m.grow('H', n2, ca, ch3a, 1.09, 109.5, 60 + 120 * k), name, 'ACE', 1);
  });
  ['HH31', 'HH32', 'HH33'].forEach((name, k) => {
    tag(m.grow('H', c2, n3, ch3n, 1.09, 109.5, 60 + 120 * k), name, 'NME', 3);
  });
  return reorder(m.frame(`alanine dipeptide, phi = ${phi}, psi = ${psi}`), atoms);
}

/** AMBER's atom order for ACE-ALA-NME. */
const PDB_ORDER = [
  'ACE HH31',
  'ACE CH3',
  'ACE HH32',
  'ACE HH33',
  'ACE C',
  'ACE O',
  'ALA N',
  'ALA H',
  'ALA CA',
  'ALA HA',
  'ALA CB',
  'ALA HB1',
  'ALA HB2',
  'ALA HB3',
  'ALA C',
  'ALA O',
  'NME N',
  'NME H',
  'NME CH3',
  'NME HH31',
  'NME HH32',
  'NME HH33',
];

function reorder(frame: Frame, atoms: PdbAtom[]): { frame: Frame; atoms: PdbAtom[] } {
  const order = PDB_ORDER.map((key) => atoms.findIndex((a) => `${a.residue} ${a.name}` === key));
  const newIndex = new Map(order.map((old, i) => [old, i]));
  const p = frame.positions;
  return {
    frame: {
      ...frame,
      positions: Float64Array.from(order.flatMap((i) => [p[3 * i], p[3 * i + 1], p[3 * i + 2]])),
      elements: order.map((i) => frame.elements[i]),
      bonds: (frame.bonds ?? [])
        .map(([i, j, o]): Bond => {
          const [a, b] = [newIndex.get(i) as number, newIndex.get(j) as number];
          return a < b ? [a, b, o] : [b, a, o];
        })
        .sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    },
    atoms: order.map((i) => atoms[i]),
  };
}

/** Diamond-cubic silicon, conventional 8-atom cell, a = 5.431 Å, periodic. */
export function silicon(): Frame {
  const a = 5.431;
  const fcc: Vec3[] = [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ];
  const basis = [...fcc, ...fcc.map((f): Vec3 => [f[0] + 0.25, f[1] + 0.25, f[2] + 0.25])];
  return {
    positions: Float64Array.from(basis.flat(), (f) => rounded(f * a)),
    elements: basis.map(() => 'Si'),
    lattice: [a, 0, 0, 0, a, 0, 0, 0, a],
    pbc: [true, true, true],
    info: { spacegroup: 'Fd-3m' },
    comment: 'silicon, diamond cubic conventional cell, a = 5.431 A',
  };
}
