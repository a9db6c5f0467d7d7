import { describe, expect, it } from 'vitest';
import { detectFormat, parseStructureFile, SUPPORTED_EXTENSIONS } from './detect';
import { ParseError } from './parse-error';
import { encode, expectParseError } from './test-support';

const XYZ = '1\nsingle carbon\nC 0 0 0\n';
const PDB = 'ATOM      1  N   ALA A   1      11.104   6.134  -6.504  1.00  0.00           N\n';
const MOL =
  'm\n  p\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n    0.0000    0.0000    0.0000 C   0  0\nM  END\n';
const PLY =
  'ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n';

describe('detectFormat', () => {
  it('lists the extensions a file picker should accept', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(
      expect.arrayContaining(['.xyz', '.sdf', '.mol', '.pdb', '.ply', '.csv']),
    );
  });

  it('trusts unambiguous extensions (any case)', () => {
    expect(detectFormat('a.SDF', MOL)).toBe('sdf');
    expect(detectFormat('a.mol', MOL)).toBe('sdf');
    expect(detectFormat('x.pdb', PDB)).toBe('pdb');
    expect(detectFormat('x.ent', PDB)).toBe('pdb');
    expect(detectFormat('cloud.ply', PLY)).toBe('ply');
    expect(detectFormat('t.csv', 'x,y,z\n')).toBe('csv');
    expect(detectFormat('t.extxyz', XYZ)).toBe('xyz');
  });

  it('tells molecular XYZ from point-cloud .xyz by content', () => {
    expect(detectFormat('a.xyz', XYZ)).toBe('xyz');
    expect(detectFormat('a.xyz', '# x y z\n0 0 0\n1 1 1\n')).toBe('points');
    expect(detectFormat('a.xyz', '0.5 0.1 2\n')).toBe('points');
    expect(detectFormat('a.xyz', 'garbage')).toBe('xyz');
  });

  it('sniffs content when the extension is unknown or generic', () => {
    expect(detectFormat('upload', XYZ)).toBe('xyz');
    expect(detectFormat('upload.txt', PDB)).toBe('pdb');
    expect(detectFormat('upload', MOL)).toBe('sdf');
    expect(detectFormat('upload', encode(PLY))).toBe('ply');
    expect(detectFormat('upload.dat', 'X,Y,Z,t\n1,2,3,4\n')).toBe('csv');
    expect(detectFormat('upload', '1 2 3\n')).toBe('points');
  });

  it('refuses unsupported, compressed, binary and unrecognisable files with specific messages', () => {
    expectParseError(() => detectFormat('a.mol2', '@<TRIPOS>MOLECULE'), 1, 1, /Tripos MOL2/, /Open Babel/);
    expectParseError(() => detectFormat('a.cif', 'data_x'), 1, 1, /CIF/);
    expectParseError(() => detectFormat('a.xyz.gz', new Uint8Array([0x1f, 0x8b, 8])), 1, 1, /gzip/);
    expectParseError(() => detectFormat('a.zip', new Uint8Array([0x50, 0x4b, 3, 4])), 1, 1, /ZIP archive/);
    expectParseError(() => detectFormat('a', new Uint8Array([1, 2, 0, 4])), 1, 3, /binary file/);
    expectParseError(() => detectFormat('notes', 'Dear diary\n'), 1, 1, /none of them matches/);
    expectParseError(() => detectFormat('empty', ''), 1, 1, /empty file/);
  });
});

describe('parseStructureFile', () => {
  it('dispatches to the right parser', () => {
    expect(parseStructureFile('a.xyz', XYZ).frames[0].elements).toEqual(['C']);
    expect(parseStructureFile('b', PDB).format).toBe('pdb');
    expect(parseStructureFile('c.ply', encode(PLY)).kind).toBe('point-cloud');
  });

  it('applies limits before detection', () => {
    expectParseError(() => parseStructureFile('a.xyz', XYZ, { maxBytes: 4 }), 1, 1, /at most 4 bytes/);
  });

  it('only ever throws ParseError', () => {
    for (const [name, data] of [
      ['a.xyz', '2\nx\nC 0 0 0\n'],
      ['a.pdb', 'END\n'],
      ['x', '\u0000'],
    ] as const) {
      expect(() => parseStructureFile(name, data)).toThrow(ParseError);
    }
  });
});

describe('untrusted names never reach Object.prototype', () => {
  it('extensions such as .constructor or .__proto__ are just unknown', () => {
    expect(detectFormat('a.constructor', '1\n\nC 0 0 0\n')).toBe('xyz');
    expect(detectFormat('a.__proto__', '1 2 3\n')).toBe('points');
  });

  it('columns and keys named __proto__ or constructor are kept as data', () => {
    const xyz = parseStructureFile(
      'a.xyz',
      '1\nProperties=species:S:1:pos:R:3:__proto__:R:1 constructor=5\nC 0 0 0 7\n',
    );
    const [frame] = xyz.frames;
    expect(Object.hasOwn(frame.properties ?? {}, '__proto__')).toBe(true);
    expect(Array.from(Object.getOwnPropertyDescriptor(frame.properties, '__proto__')?.value)).toEqual([7]);
    expect(Object.getPrototypeOf(frame.properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(frame.info, 'constructor')?.value).toBe(5);
    const csv = parseStructureFile('a.csv', 'x,y,z,__proto__\n1,2,3,4\n').frames[0];
    expect(Object.keys(csv.properties ?? {})).toEqual(['__proto__']);
  });

  it('a PLY property type named constructor is an unknown type, not a hang', () => {
    const ply =
      'ply\nformat binary_little_endian 1.0\nelement vertex 1000000\nproperty constructor x\nend_header\n';
    expectParseError(() => parseStructureFile('a.ply', ply), 4, 10, /a PLY type/);
  });
});
