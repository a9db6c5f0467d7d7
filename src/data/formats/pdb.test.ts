import { describe, expect, it } from 'vitest';
import { QUIRKY, TWO_MODELS } from './fixtures';
import { parsePdb } from './pdb';
import { elementFromAtomName } from './pdb-element';
import { writePdb } from './pdb-write';
import { checkStructure, expectParseError } from './test-support';

describe('parsePdb: valid files', () => {
  it('reads MODEL/ENDMDL as frames and CONECT as bonds (repeated partner = double bond)', () => {
    const file = parsePdb(TWO_MODELS);
    checkStructure(file);
    expect(file.frames).toHaveLength(2);
    for (const frame of file.frames) {
      expect(frame.elements).toEqual(['C', 'O', 'H', 'H']);
      expect(frame.bonds).toEqual([
        [0, 1, 2],
        [0, 2, 1],
        [0, 3, 1],
      ]);
      expect(frame.properties?.atomName).toEqual(['C1', 'O1', 'H1', 'H2']);
      expect(frame.properties?.residueName).toEqual(['FOR', 'FOR', 'FOR', 'FOR']);
      expect(frame.properties?.recordName).toEqual(['HETATM', 'HETATM', 'HETATM', 'HETATM']);
    }
    expect(file.frames[1].positions[2]).toBe(0.01);
    const p = file.frames[0].positions;
    expect(Math.hypot(p[3] - p[0], p[4] - p[1], p[5] - p[2])).toBeCloseTo(1.208, 6);
  });

  it('infers elements from atom names, keeps the first alternate location, and stops at END', () => {
    const [frame] = parsePdb(QUIRKY).frames;
    expect(frame.elements).toEqual(['N', 'C', 'C', 'H', 'H', 'Fe', 'Cl']);
    expect(frame.properties?.atomName).toEqual(['N', 'CA', 'CB', 'HB11', '1HB2', 'FE', 'CL']);
    expect(Array.from(frame.properties?.occupancy as Float64Array)).toEqual([1, 1, 0.6, 1, 1, 1, 1]);
    expect(Array.from(frame.properties?.residueNumber as Float64Array)).toEqual([1, 1, 1, 1, 1, 2, 3]);
  });

  it('infers elements the way the PDB aligns names', () => {
    expect(elementFromAtomName(' CA ', false)).toBe('C');
    expect(elementFromAtomName('CA  ', true)).toBe('Ca');
    expect(elementFromAtomName('CA  ', false)).toBe('C');
    expect(elementFromAtomName('HG21', false)).toBe('H');
    expect(elementFromAtomName('2HG1', false)).toBe('H');
    expect(elementFromAtomName('ZN  ', true)).toBe('Zn');
    expect(elementFromAtomName('    ', true)).toBeUndefined();
  });

  it('reads short lines without occupancy, B-factor or element', () => {
    const [frame] = parsePdb('ATOM      1  O   HOH     1       1.000   2.000   3.000\n').frames;
    expect(frame.elements).toEqual(['O']);
    expect(frame.properties?.occupancy).toEqual(new Float64Array([1]));
    expect(frame.properties?.chainId).toEqual(['']);
  });

  it('ignores CONECT partners that were dropped alternate locations', () => {
    const text = `${QUIRKY.replace('END\n', '')}CONECT    3    2    4\n`;
    expect(parsePdb(text).frames[0].bonds).toEqual([[1, 2, 1]]);
  });
});

describe('writePdb', () => {
  it('writes models and CONECT that read back identically', () => {
    const file = parsePdb(TWO_MODELS);
    const text = writePdb(file.frames);
    expect(text).toContain('MODEL        1');
    expect(text).toContain('CONECT    1    2    2    3');
    expect(parsePdb(text)).toEqual(file);
  });

  it('aligns atom names as the PDB does and writes the element columns', () => {
    const [frame] = parsePdb(QUIRKY).frames;
    const lines = writePdb([frame]).split('\n');
    expect(lines[1].slice(12, 16)).toBe(' CA ');
    expect(lines[5].slice(12, 16)).toBe('FE  ');
    expect(lines[5].slice(76, 78)).toBe('FE');
    expect(parsePdb(lines.join('\n')).frames[0]).toEqual(frame);
  });

  it('uses defaults for frames from other formats, and refuses what PDB cannot hold', () => {
    const frame = { positions: new Float64Array([0, 0, 0, 1.1, 0, 0]), elements: ['C', 'O'] };
    const [back] = parsePdb(writePdb([frame])).frames;
    expect(back.elements).toEqual(['C', 'O']);
    expect(back.properties?.residueName).toEqual(['UNL', 'UNL']);
    expect(() => writePdb([{ ...frame, positions: new Float64Array([1e5, 0, 0, 0, 0, 0]) }])).toThrow(
      /x coordinate/,
    );
    expect(() => writePdb([{ ...frame, bonds: [[0, 1, 1.5]] }])).toThrow(/bond order 1.5/);
  });
});

describe('parsePdb: broken files', () => {
  it('no atoms at all', () => {
    expectParseError(() => parsePdb('HEADER    NOTHING\nEND\n'), 1, 1, /at least one ATOM or HETATM/);
    expectParseError(() => parsePdb(''), 1, 1, /empty file/);
  });

  it('unparseable coordinates are reported at their columns', () => {
    const bad = TWO_MODELS.replace('   1.208   0.000', '   1.2O8   0.000');
    expectParseError(() => parsePdb(bad), 5, 31, /columns 31-38 \(x coordinate\)/, /'1\.2O8'/);
    expectParseError(
      () => parsePdb(TWO_MODELS.replace('  -0.936   0.000', '     NaN   0.000')),
      7,
      39,
      /y coordinate/,
      /non-finite/,
    );
    expectParseError(
      () => parsePdb(TWO_MODELS.replace('   0.936   0.000  1.00', '   0.936          1.00')),
      6,
      47,
      /z coordinate/,
      /blank/,
    );
  });

  it('lines too short for coordinates (whitespace-separated instead of fixed columns)', () => {
    expectParseError(() => parsePdb('ATOM 1 N ALA 1 1.0 2.0 3.0\n'), 1, 27, /columns 31-54/, /fixed-width/);
  });

  it('unknown elements in columns 77-78 and names with no element', () => {
    expectParseError(
      () => parsePdb(TWO_MODELS.replace('           O\n', '           Q\n')),
      5,
      77,
      /columns 77-78/,
      /'Q'/,
    );
    expectParseError(
      () => parsePdb('HETATM    1 1234 UNK     1       1.000   2.000   3.000\n'),
      1,
      13,
      /atom name in columns 13-16/,
    );
  });

  it('MODEL/ENDMDL nesting and truncation', () => {
    expectParseError(
      () => parsePdb(TWO_MODELS.replace('ENDMDL\nMODEL        2', 'MODEL        2')),
      8,
      1,
      /ENDMDL before the next MODEL/,
    );
    expectParseError(
      () => parsePdb(TWO_MODELS.slice(0, TWO_MODELS.indexOf('ENDMDL'))),
      8,
      1,
      /ENDMDL closing the model opened on line 3/,
    );
    expectParseError(() => parsePdb(`ENDMDL\n${TWO_MODELS}`), 1, 1, /MODEL record before ENDMDL/);
    const outside = TWO_MODELS.replace('ENDMDL\nMODEL        2\n', 'ENDMDL\n');
    expectParseError(() => parsePdb(outside), 9, 1, /MODEL record before this atom/);
  });

  it('CONECT to atoms that do not exist, and bad serials', () => {
    expectParseError(
      () => parsePdb(TWO_MODELS.replace('CONECT    4    1', 'CONECT    4    9')),
      18,
      12,
      /serial of an ATOM/,
      /9, which no atom has/,
    );
    expectParseError(
      () => parsePdb(TWO_MODELS.replace('CONECT    3    1', 'CONECT    3    x')),
      17,
      12,
      /bonded atom serial/,
    );
  });

  it('frame and atom limits', () => {
    expectParseError(() => parsePdb(TWO_MODELS, { maxFrames: 1 }), 9, 1, /at most 1 models/);
    expectParseError(() => parsePdb(TWO_MODELS, { maxAtoms: 3 }), 7, 1, /at most 3 atoms per model/);
  });
});
