/** Hand-written sample files shared by the format tests and the fuzz tests (seeds for mutation). */
import { encode } from './test-support';

export const WATER = `3
water, r(OH) = 0.9572 A, HOH = 104.52 deg
O   0.000000   0.000000   0.117300
H   0.000000   0.757200  -0.468500
H   0.000000  -0.757200  -0.468500
`;

/** Two frames of a water/OH trajectory in extended XYZ, with a cell, forces, energy and extras. */
export const EXTENDED = `3
Lattice="10.0 0.0 0.0 0.0 10.0 0.0 0.0 0.0 10.0" Properties=species:S:1:pos:R:3:forces:R:3:charge:R:1:tag:I:1:fixed:L:1 energy=-76.4123 pbc="T T F" config_type=md step=0 temperature=300.5 stress="1 2 3 4 5 6" note="first frame \\"quoted\\""
O 0.0 0.0 0.1173 0.01 -0.02 0.3 -0.8 1 T
H 0.0 0.7572 -0.4692 -0.01 0.1 -0.15 0.4 2 F
H 0.0 -0.7572 -0.4692 0.0 -0.08 -0.15 0.4 2 F

2
Properties=species:S:1:pos:R:3:forces:R:3 energy=-75.1 Lattice="10 0 0 0 10 0 0 0 10"
O 0 0 0 0 0 1e-3
H 0 0 0.97 0 0 -1E-3
`;

export const BENZENE = `benzene
  handmade

 12 12  0  0  0  0  0  0  0  0999 V2000
    1.3900    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
    0.6950    1.2038    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
   -0.6950    1.2038    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
   -1.3900    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
   -0.6950   -1.2038    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
    0.6950   -1.2038    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
    2.4800    0.0000    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
    1.2400    2.1477    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
   -1.2400    2.1477    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
   -2.4800    0.0000    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
   -1.2400   -2.1477    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
    1.2400   -2.1477    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  2  0
  2  3  1  0
  3  4  2  0
  4  5  1  0
  5  6  2  0
  6  1  1  0
  1  7  1  0
  2  8  1  0
  3  9  1  0
  4 10  1  0
  5 11  1  0
  6 12  1  0
M  END
> <PUBCHEM_COMPOUND_CID>
241

> <comment>
aromatic ring,
drawn as a Kekule structure

$$$$
`;

/** Acetate with its charge only in M  CHG (which overrides the atom-block charge columns). */
export const ACETATE = `acetate
  handmade

  4  3  0  0  0  0  0  0  0  0999 V2000
    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
    1.5200    0.0000    0.0000 C   0  3  0  0  0  0  0  0  0  0  0  0
    2.1400    1.0800    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
    2.1400   -1.0800    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  1  0
  2  3  2  0
  2  4  1  0
M  CHG  1   4  -1
M  END
$$$$
`;

/** Ethanol in V3000, with a continued atom line, a charge, and an SGROUP block to skip. */
export const ETHANOL_V3000 = `ethanol
  handmade

  0  0  0     0  0            999 V3000
M  V30 BEGIN CTAB
M  V30 COUNTS 3 2 1 0 0
M  V30 BEGIN ATOM
M  V30 1 C -1.2 0.1 0 0
M  V30 2 C 0.3 -0.2 0 -
M  V30 0
M  V30 3 O 1.0 1.0 0.0 0 CHG=0
M  V30 END ATOM
M  V30 BEGIN BOND
M  V30 1 1 1 2
M  V30 2 1 2 3
M  V30 END BOND
M  V30 BEGIN SGROUP
M  V30 1 SUP 0 ATOMS=(2 2 -
M  V30 3) LABEL="C OH"
M  V30 END SGROUP
M  V30 END CTAB
M  END
`;

/** Two NMR-style models of formaldehyde (H2C=O), the double bond written as a repeated CONECT partner. */
export const TWO_MODELS = `HEADER    TEST STRUCTURE
REMARK   1 formaldehyde, two models
MODEL        1
HETATM    1  C1  FOR A   1       0.000   0.000   0.000  1.00  0.00           C
HETATM    2  O1  FOR A   1       1.208   0.000   0.000  1.00  0.00           O
HETATM    3  H1  FOR A   1      -0.587   0.936   0.000  1.00  0.00           H
HETATM    4  H2  FOR A   1      -0.587  -0.936   0.000  1.00  0.00           H
ENDMDL
MODEL        2
HETATM    1  C1  FOR A   1       0.000   0.000   0.010  1.00  0.00           C
HETATM    2  O1  FOR A   1       1.210   0.000   0.000  1.00  0.00           O
HETATM    3  H1  FOR A   1      -0.590   0.940   0.000  1.00  0.00           H
HETATM    4  H2  FOR A   1      -0.590  -0.940  -0.010  1.00  0.00           H
ENDMDL
CONECT    1    2    2    3    4
CONECT    2    1    1
CONECT    3    1
CONECT    4    1
END
`;

/** Real-world quirks: no element columns, 4-character hydrogen names, an alternate location, TER. */
export const QUIRKY = `ATOM      1  N   ALA A   1      -0.966   0.493   1.500  1.00 10.00
ATOM      2  CA  ALA A   1       0.257   0.418   0.692  1.00 10.00
ATOM      3  CB AALA A   1       1.204   1.544   1.160  0.60 10.00
ATOM      4  CB BALA A   1       1.300   1.500   1.100  0.40 10.00
ATOM      5 HB11 ALA A   1       2.200   1.400   0.700  1.00 10.00
ATOM      6 1HB2 ALA A   1       1.300   2.500   1.000  1.00 10.00
TER       7      ALA A   1
HETATM    8 FE   HEM A   2      10.000  10.000  10.000  1.00 20.00
HETATM    9 CL    CL A   3      12.000  10.000  10.000  1.00 20.00
END
this line is after END and ignored
`;

/** A unit square in the xy plane as a mesh: 4 coloured vertices, 2 triangles. */
export const ASCII_SQUARE = `ply
format ascii 1.0
comment made by hand
element vertex 4
property float x
property float y
property float z
property uchar red
property float confidence
element face 2
property list uchar int vertex_indices
end_header
0 0 0 255 0.5
1 0 0 0 1
1 1 0 10 0.25
0 1 0 20 0.75
3 0 1 2
3 0 2 3
`;

export const BINARY_HEADER = `ply
format binary_little_endian 1.0
element vertex 2
property double x
property double y
property double z
property uchar label
element face 1
property list uchar int vertex_indices
element edge 1
property int vertex1
property int vertex2
end_header
`;

export type Prop = ['float32' | 'float64' | 'uint8' | 'int32', number];

/** Build a binary little-endian PLY: header text, then records of typed values. */
export function binaryPly(header: string, records: Prop[][]): Uint8Array {
  const head = encode(header);
  const size = records.flat().reduce((s, [t]) => s + (t === 'float64' ? 8 : t === 'uint8' ? 1 : 4), 0);
  const out = new Uint8Array(head.length + size);
  out.set(head);
  const view = new DataView(out.buffer);
  let o = head.length;
  for (const [type, value] of records.flat()) {
    if (type === 'float32') view.setFloat32(o, value, true);
    else if (type === 'float64') view.setFloat64(o, value, true);
    else if (type === 'uint8') view.setUint8(o, value);
    else view.setInt32(o, value, true);
    o += type === 'float64' ? 8 : type === 'uint8' ? 1 : 4;
  }
  return out;
}

export const BINARY_RECORDS: Prop[][] = [
  [
    ['float64', 0.5],
    ['float64', -1.25],
    ['float64', 3],
    ['uint8', 7],
  ],
  [
    ['float64', 1e-9],
    ['float64', 2],
    ['float64', -3],
    ['uint8', 200],
  ],
  [
    ['uint8', 3],
    ['int32', 0],
    ['int32', 1],
    ['int32', 0],
  ],
  [
    ['int32', 0],
    ['int32', 1],
  ],
];
