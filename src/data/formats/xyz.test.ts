import { describe, expect, it } from 'vitest';
import { EXTENDED, WATER } from './fixtures';
import { checkStructure, encode, expectParseError } from './test-support';
import { DEFAULT_PARSE_LIMITS } from './types';
import { parseXyz } from './xyz';
import { writeXyz } from './xyz-write';

describe('parseXyz: valid files', () => {
  it('reads plain XYZ (water) with its comment', () => {
    const file = parseXyz(WATER);
    expect(file).toMatchObject({ format: 'xyz', kind: 'molecule' });
    expect(file.frames).toHaveLength(1);
    const [frame] = file.frames;
    expect(frame.elements).toEqual(['O', 'H', 'H']);
    expect(Array.from(frame.positions)).toEqual([0, 0, 0.1173, 0, 0.7572, -0.4685, 0, -0.7572, -0.4685]);
    expect(frame.comment).toBe('water, r(OH) = 0.9572 A, HOH = 104.52 deg');
    const oh = Math.hypot(0, 0.7572, -0.4685 - 0.1173);
    expect(oh).toBeCloseTo(0.9572, 3);
  });

  it('reads extended XYZ: lattice, pbc, energy, forces, typed columns and info', () => {
    const file = parseXyz(EXTENDED);
    checkStructure(file);
    expect(file.frames).toHaveLength(2);
    const [a, b] = file.frames;
    expect(a.lattice).toEqual([10, 0, 0, 0, 10, 0, 0, 0, 10]);
    expect(a.pbc).toEqual([true, true, false]);
    expect(a.energy).toBe(-76.4123);
    expect(Array.from(a.forces ?? [])).toEqual([0.01, -0.02, 0.3, -0.01, 0.1, -0.15, 0, -0.08, -0.15]);
    expect(Array.from(a.properties?.charge as Float64Array)).toEqual([-0.8, 0.4, 0.4]);
    expect(Array.from(a.properties?.tag as Float64Array)).toEqual([1, 2, 2]);
    expect(a.properties?.fixed).toEqual(['T', 'F', 'F']);
    expect(a.info).toEqual({
      config_type: 'md',
      step: 0,
      temperature: 300.5,
      stress: [1, 2, 3, 4, 5, 6],
      note: 'first frame "quoted"',
    });
    expect(a.comment).toBeUndefined();
    expect(b.energy).toBe(-75.1);
    expect(Array.from(b.forces ?? [])).toEqual([0, 0, 0.001, 0, 0, -0.001]);
  });

  it('accepts atomic numbers, any symbol case, CRLF, tabs, a BOM, Fortran exponents and blank lines between frames', () => {
    const text = '\ufeff2\r\n\r\n6\t0 0 0\r\ncl 1.0D+00 0 0\r\n\r\n1\ncomment\nCL 0 0 0';
    const file = parseXyz(encode(text));
    expect(file.frames.map((f) => f.elements)).toEqual([['C', 'Cl'], ['Cl']]);
    expect(file.frames[0].positions[3]).toBe(1);
  });

  it('keeps extra numeric columns of plain XYZ as properties', () => {
    const file = parseXyz('2\n\nC 0 0 0 0.5 7\nO 1.2 0 0 -0.5 8\n');
    expect(Array.from(file.frames[0].properties?.column5 as Float64Array)).toEqual([0.5, -0.5]);
    expect(Array.from(file.frames[0].properties?.column6 as Float64Array)).toEqual([7, 8]);
  });

  it('reads species from Z:I:1 when there is no species column, and zero-atom frames', () => {
    const file = parseXyz('1\nProperties=Z:I:1:pos:R:3\n8 0 0 0\n0\nempty\n');
    expect(file.frames[0].elements).toEqual(['O']);
    expect(file.frames[1].positions.length).toBe(0);
  });

  it('treats comments that merely contain words as plain comments', () => {
    expect(parseXyz('1\nmethane fragment (C only)\nC 0 0 0\n').frames[0].comment).toBe(
      'methane fragment (C only)',
    );
    expect(parseXyz('1\nunbalanced "quote\nC 0 0 0\n').frames[0].comment).toBe('unbalanced "quote');
  });
});

describe('writeXyz', () => {
  it('writes plain XYZ when there is nothing extended and reads it back', () => {
    const file = parseXyz(WATER);
    const text = writeXyz(file.frames);
    expect(text.split('\n')[1]).toBe(file.frames[0].comment);
    expect(parseXyz(text)).toEqual(file);
  });

  it('writes extended XYZ and reads every field back identically', () => {
    const file = parseXyz(EXTENDED);
    expect(parseXyz(writeXyz(file.frames))).toEqual(file);
  });

  it('refuses frames it cannot represent', () => {
    const frame = { positions: new Float64Array([0, 0, Number.NaN]), elements: ['C'] };
    expect(() => writeXyz([frame])).toThrow(RangeError);
    expect(() => writeXyz([{ positions: new Float64Array(3), elements: ['Qq'] }])).toThrow(/element/);
    expect(() => writeXyz([{ positions: new Float64Array(3), elements: ['C'], comment: 'a\nb' }])).toThrow(
      /single line/,
    );
  });
});

describe('parseXyz: broken files', () => {
  it('empty and whitespace-only files', () => {
    expectParseError(() => parseXyz(''), 1, 1, /expected an XYZ file, found an empty file/);
    expectParseError(() => parseXyz('  \n\n'), 1, 1, /only whitespace/);
  });

  it('a count line that is not a whole number alone', () => {
    expectParseError(() => parseXyz('three\nx\n'), 1, 1, /whole number/, /'three'/);
    expectParseError(() => parseXyz('3 atoms\nx\n'), 1, 3, /alone on the line/);
    expectParseError(() => parseXyz('C 0 0 0\n'), 1, 1, /number of atoms/, /looks like an atom line/);
    expectParseError(() => parseXyz('-2\nx\n'), 1, 1, /whole number/);
  });

  it('a huge atom count is refused before anything is allocated', () => {
    expectParseError(
      () => parseXyz('1000000000000\ncomment\nC 0 0 0\n'),
      1,
      1,
      /at most 2000000 atoms/,
      /atom limit/,
    );
    expectParseError(() => parseXyz('11\nc\n', { maxAtoms: 10 }), 1, 1, /at most 10 atoms/);
    expect(DEFAULT_PARSE_LIMITS.maxAtoms).toBe(2_000_000);
  });

  it('truncated frames say how many atom lines were found', () => {
    expectParseError(
      () => parseXyz('3\nwater\nO 0 0 0\nH 1 0 0\n'),
      5,
      1,
      /expected 3 atom lines for the frame starting at line 1/,
      /ends after 2/,
    );
    expectParseError(() => parseXyz('3'), 2, 1, /comment line/);
    expectParseError(() => parseXyz(`${WATER}2\nx\nO 0 0 0\n`), 9, 1, /starting at line 6/);
  });

  it('too many atom lines shows up as a bad count line', () => {
    expectParseError(
      () => parseXyz('1\nx\nC 0 0 0\nH 1 0 0\n'),
      4,
      1,
      /number of atoms/,
      /'H'/,
      /looks like an atom line/,
    );
  });

  it('wrong column counts', () => {
    expectParseError(() => parseXyz('1\nx\nC 0 0\n'), 3, 6, /4 columns/, /only 3/);
    expectParseError(() => parseXyz('2\nx\nC 0 0 0 1\nO 0 0 0\n'), 4, 8, /5 columns/);
    const ext = '1\nProperties=species:S:1:pos:R:3:forces:R:3\nC 0 0 0 1 2\n';
    expectParseError(() => parseXyz(ext), 3, 12, /7 columns \(species, pos×3, forces×3\)/, /only 6/);
    expectParseError(() => parseXyz('1\nx\n\n'), 3, 1, /4 columns/);
  });

  it('NaN, Inf and non-numbers in coordinates', () => {
    expectParseError(
      () => parseXyz('1\nx\nC 0 nan 0\n'),
      3,
      5,
      /number for the y coordinate/,
      /'nan' \(a non-finite value\)/,
    );
    expectParseError(() => parseXyz('1\nx\nC 0 0 -Infinity\n'), 3, 7, /z coordinate/, /non-finite/);
    expectParseError(() => parseXyz('1\nx\nC 1e999 0 0\n'), 3, 3, /too large/);
    expectParseError(() => parseXyz('1\nx\nC 0x10 0 0\n'), 3, 3, /not a number/);
    expectParseError(() => parseXyz('1\nx\nC 1,5 0 0\n'), 3, 3, /x coordinate/);
    const ext = '1\nProperties=species:S:1:pos:R:3:forces:R:3\nC 0 0 0 1 NaN 2\n';
    expectParseError(() => parseXyz(ext), 3, 11, /y component of the force/);
  });

  it('unknown elements, with hints for labels, isotopes and dummies', () => {
    expectParseError(() => parseXyz('1\nx\nXy 0 0 0\n'), 3, 1, /element symbol/, /'Xy'/);
    expectParseError(() => parseXyz('1\nx\nC12 0 0 0\n'), 3, 1, /bare element symbol/);
    expectParseError(() => parseXyz('1\nx\nD 0 0 0\n'), 3, 1, /deuterium/);
    expectParseError(() => parseXyz('1\nx\nX 0 0 0\n'), 3, 1, /Dummy atoms/);
    expectParseError(() => parseXyz('1\nx\n119 0 0 0\n'), 3, 1, /atomic number/);
  });

  it('malformed extended XYZ headers', () => {
    expectParseError(() => parseXyz('1\nLattice="1 0 0 0 1 0 0 0\nC 0 0 0\n'), 2, 9, /closing quote/);
    expectParseError(
      () => parseXyz('1\nLattice="1 0 0 0 1 0 0 0" Properties=species:S:1:pos:R:3\nC 0 0 0\n'),
      2,
      10,
      /nine finite numbers/,
    );
    expectParseError(() => parseXyz('1\nProperties=species:S:1:pos:R\nC 0 0 0\n'), 2, 12, /name:type:count/);
    expectParseError(
      () => parseXyz('1\nProperties=species:S:1:pos:X:3\nC 0 0 0\n'),
      2,
      12,
      /type S, R, I or L/,
    );
    expectParseError(() => parseXyz('1\nProperties=species:S:1\nC 0 0 0\n'), 2, 12, /pos:R:3/);
    expectParseError(
      () => parseXyz('1\nProperties=species:S:1:pos:R:3:big:R:100000\nC 0 0 0\n'),
      2,
      12,
      /1 to 9999/,
    );
    expectParseError(() => parseXyz('1\nenergy=abc a=1\nC 0 0 0\n'), 2, 8, /finite number for energy/);
    expectParseError(() => parseXyz('1\npbc="T T" a=1\nC 0 0 0\n'), 2, 6, /three T\/F flags/);
    expectParseError(() => parseXyz('1\na=1 a=2\nC 0 0 0\n'), 2, 5, /each key once/);
    const ext = '1\nProperties=species:S:1:pos:R:3:f:L:1\nC 0 0 0 maybe\n';
    expectParseError(() => parseXyz(ext), 3, 9, /T or F/);
  });

  it('binary garbage is detected before parsing', () => {
    expectParseError(
      () => parseXyz(new Uint8Array([0x33, 0x0a, 0x00, 0x01, 0x02])),
      2,
      1,
      /binary file/,
      /expected text \(an XYZ file\)/,
    );
    expectParseError(() => parseXyz(new Uint8Array([0x1f, 0x8b, 8, 0])), 1, 1, /gzip/);
    const noise = new Uint8Array(2000).map((_, i) => 1 + ((i * 131 + 7) % 30));
    expectParseError(() => parseXyz(noise), 1, 1, /binary file/);
  });

  it('the byte and frame limits are enforced', () => {
    expectParseError(() => parseXyz(WATER, { maxBytes: 10 }), 1, 1, /at most 10 bytes/);
    expectParseError(() => parseXyz(WATER + WATER, { maxFrames: 1 }), 6, 1, /at most 1 frames/);
  });
});
