import { describe, expect, it } from 'vitest';
import { ACETATE, BENZENE, ETHANOL_V3000 } from './fixtures';
import { parseSdf } from './sdf';
import { writeSdf } from './sdf-write';
import { checkStructure, expectParseError } from './test-support';

describe('parseSdf: valid files', () => {
  it('reads benzene (V2000) with its Kekulé bonds and data items', () => {
    const file = parseSdf(BENZENE);
    checkStructure(file);
    expect(file.frames).toHaveLength(1);
    const [frame] = file.frames;
    expect(frame.comment).toBe('benzene');
    expect(frame.elements).toEqual([...'CCCCCC', ...'HHHHHH']);
    expect(frame.bonds?.slice(0, 6)).toEqual([
      [0, 1, 2],
      [1, 2, 1],
      [2, 3, 2],
      [3, 4, 1],
      [4, 5, 2],
      [5, 0, 1],
    ]);
    expect(frame.info).toEqual({
      PUBCHEM_COMPOUND_CID: '241',
      comment: 'aromatic ring,\ndrawn as a Kekule structure',
    });
    for (const [i, j] of frame.bonds ?? []) {
      const p = frame.positions;
      const d = Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]);
      expect(d).toBeCloseTo(frame.elements[j] === 'H' ? 1.09 : 1.39, 3);
    }
    expect(frame.properties).toBeUndefined();
  });

  it('reads several records, and M  CHG overrides atom-block charges', () => {
    const file = parseSdf(BENZENE + ACETATE);
    expect(file.frames.map((f) => f.comment)).toEqual(['benzene', 'acetate']);
    expect(Array.from(file.frames[1].properties?.charge as Float64Array)).toEqual([0, 0, 0, -1]);
  });

  it('reads atom-block charge codes when there is no M  CHG', () => {
    const text = ACETATE.replace('M  CHG  1   4  -1\n', '');
    expect(Array.from(parseSdf(text).frames[0].properties?.charge as Float64Array)).toEqual([0, 1, 0, 0]);
  });

  it('reads V3000 with continuation lines and skips other blocks', () => {
    const [frame] = parseSdf(ETHANOL_V3000).frames;
    expect(frame.elements).toEqual(['C', 'C', 'O']);
    expect(Array.from(frame.positions)).toEqual([-1.2, 0.1, 0, 0.3, -0.2, 0, 1, 1, 0]);
    expect(frame.bonds).toEqual([
      [0, 1, 1],
      [1, 2, 1],
    ]);
  });

  it('reads a single .mol without $$$$, and a record with an empty title', () => {
    const mol = BENZENE.slice(0, BENZENE.indexOf('> <'));
    expect(parseSdf(mol).frames[0].elements).toHaveLength(12);
    const untitled = parseSdf(`\n${ACETATE.slice(ACETATE.indexOf('\n') + 1)}`);
    expect(untitled.frames[0].comment).toBeUndefined();
  });
});

describe('writeSdf', () => {
  it('writes V2000 that reads back identically (coordinates have 4 decimals)', () => {
    const file = parseSdf(BENZENE + ACETATE);
    const text = writeSdf(file.frames);
    expect(text).toContain(' 12 12  0  0  0  0  0  0  0  0999 V2000');
    expect(parseSdf(text)).toEqual(file);
  });

  it('writes V3000 when asked, or when V2000 cannot hold the molecule', () => {
    const file = parseSdf(ETHANOL_V3000);
    expect(parseSdf(writeSdf(file.frames, { version: 'V3000' }))).toEqual(file);
    const far = { positions: new Float64Array([123456.789, 0, 0]), elements: ['C'] };
    const text = writeSdf([far]);
    expect(text).toContain('V3000');
    expect(parseSdf(text).frames[0].positions[0]).toBe(123456.789);
    expect(() => writeSdf([far], { version: 'V2000' })).toThrow(/V2000/);
  });

  it('keeps V3000 lines within 80 characters', () => {
    const n = 3;
    const frame = {
      positions: Float64Array.from({ length: 3 * n }, (_, i) => -Math.PI * 1e-7 * (i + 1)),
      elements: ['Cl', 'Cl', 'Cl'],
      properties: { charge: new Float64Array([-1, 0, 1]) },
    };
    const text = writeSdf([frame], { version: 'V3000' });
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(parseSdf(text).frames[0]).toEqual(frame);
  });

  it('refuses bonds and data it cannot write', () => {
    const frame = {
      positions: new Float64Array(6),
      elements: ['C', 'C'],
      bonds: [[0, 1, 4]] as [number, number, number][],
    };
    expect(() => writeSdf([frame])).toThrow(/bond order 4/);
    expect(() => writeSdf([{ ...frame, bonds: [[0, 2, 1]] }])).toThrow(/does not join/);
    expect(() => writeSdf([{ ...frame, bonds: [], info: { x: 'a\n\nb' } }])).toThrow(/empty line/);
  });
});

describe('parseSdf: broken files', () => {
  it('empty files and truncated headers', () => {
    expectParseError(() => parseSdf(''), 1, 1, /empty file/);
    expectParseError(() => parseSdf('title\nprogram\n'), 3, 1, /header line 3/);
    expectParseError(() => parseSdf('title\nprogram\n\n'), 4, 1, /counts line/);
  });

  it('counts that do not match the blocks', () => {
    const more = BENZENE.replace(' 12 12  0', ' 13 12  0');
    expectParseError(() => parseSdf(more), 17, 13, /V2000 atom line/, /declares 13 atoms and 12 bonds/);
    const fewer = BENZENE.replace(' 12 12  0', ' 12 11  0');
    expectParseError(() => parseSdf(fewer), 28, 1, /property line .* or 'M {2}END'/, /line 4/);
    expectParseError(() => parseSdf(ACETATE.replace('M  END\n', '')), 13, 1, /'M {2}END'/, /'\$\$\$\$'/);
    expectParseError(() => parseSdf(BENZENE.slice(0, 600)), 13, 1, /atom line 9 of 12/);
  });

  it('wrong column widths and bad numbers in the atom block', () => {
    const shifted = ACETATE.replace('    1.5200    0.0000', '  1.5200 0.0000      ');
    expectParseError(() => parseSdf(shifted), 6, 1, /columns 1-10 \(x coordinate\)/, /fixed-width/);
    expectParseError(
      () => parseSdf(ACETATE.replace('    0.0000    0.0000    0.0000 C', '       nan    0.0000    0.0000 C')),
      5,
      1,
      /non-finite/,
    );
    expectParseError(
      () => parseSdf(ACETATE.replace('1.0800    0.0000 O', '1.0800    0.0000 Xx')),
      7,
      32,
      /element symbol in columns 32-34/,
      /'Xx'/,
    );
    expectParseError(() => parseSdf(ACETATE.replace(' C   0  3', ' C   0  9')), 6, 37, /charge code/);
    expectParseError(() => parseSdf(ACETATE.replace('999 V2000', '999 V4000')), 4, 35, /'V2000' or 'V3000'/);
    expectParseError(() => parseSdf(ACETATE.replace('  4  3  0', 'abc  3  0')), 4, 1, /atom count/);
  });

  it('bonds to missing atoms, self-bonds and query bond types', () => {
    expectParseError(
      () => parseSdf(ACETATE.replace('  2  4  1  0', '  2  5  1  0')),
      11,
      4,
      /from 1 to 4 for the second atom/,
    );
    expectParseError(
      () => parseSdf(ACETATE.replace('  2  4  1  0', '  2  2  1  0')),
      11,
      4,
      /two different atoms/,
    );
    expectParseError(
      () => parseSdf(ACETATE.replace('  2  4  1  0', '  2  4  6  0')),
      11,
      7,
      /query bond type 6/,
    );
    expectParseError(
      () => parseSdf(ACETATE.replace('M  CHG  1   4  -1', 'M  CHG  2   4  -1')),
      12,
      18,
      /2 atom\/charge pairs/,
    );
  });

  it('V3000 mistakes', () => {
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('COUNTS 3 2', 'COUNTS 4 2')),
      12,
      8,
      /4 atom lines/,
      /found 3/,
    );
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('COUNTS 3 2', 'COUNTS 2 2')),
      11,
      8,
      /'END ATOM' after 2 lines/,
    );
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('1 1 1 2', '1 1 1 7')),
      14,
      14,
      /index of an atom in the ATOM block/,
    );
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('1 C -1.2 0.1 0 0', '1 C -1.2 inf 0 0')),
      8,
      17,
      /y coordinate/,
    );
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('M  V30 END CTAB\n', '')),
      21,
      1,
      /'M {2}V30 END CTAB'|starting with "M {2}V30 "/,
    );
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('M  V30 3) LABEL', 'M  V30 3 LABEL')),
      18,
      22,
      /closing \)/,
    );
    expectParseError(
      () => parseSdf(ETHANOL_V3000.replace('COUNTS 3 2', 'COUNTS 3000000000 2')),
      6,
      15,
      /atom limit/,
    );
  });

  it('data items without a name, and text where a data item should be', () => {
    expectParseError(
      () => parseSdf(ACETATE.replace('M  END\n', 'M  END\n> name\nx\n\n')),
      14,
      2,
      /angle brackets/,
    );
    expectParseError(
      () => parseSdf(ACETATE.replace('M  END\n', 'M  END\nstray text\n')),
      14,
      1,
      /data item header/,
    );
  });
});
