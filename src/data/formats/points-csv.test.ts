import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from './csv';
import { parsePoints, writePoints } from './points';
import { checkStructure, expectParseError } from './test-support';

describe('parsePoints', () => {
  it('reads whitespace- and comma-separated points with comments and named extra columns', () => {
    const text =
      '# scan of a tetrahedron\n# x y z intensity\n1 1 1 0.5\n1,-1,-1, 0.25  # trailing comment\n\n-1 1 -1 1\n-1\t-1\t1\t0\n';
    const file = parsePoints(text);
    checkStructure(file);
    expect(file).toMatchObject({ format: 'points', kind: 'point-cloud' });
    const [frame] = file.frames;
    expect(Array.from(frame.positions)).toEqual([1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1]);
    expect(Array.from(frame.properties?.intensity as Float64Array)).toEqual([0.5, 0.25, 1, 0]);
    expect(frame.comment).toBe('scan of a tetrahedron');
  });

  it('names unnamed extra columns by position', () => {
    expect(Object.keys(parsePoints('0 0 0 1 2\n').frames[0].properties ?? {})).toEqual([
      'column4',
      'column5',
    ]);
  });

  it('round-trips through writePoints', () => {
    const frame = {
      positions: new Float64Array([0.1, 2e-8, -3, 4, 5, 6]),
      elements: [],
      properties: { a: new Float64Array([1, 2]) },
      comment: 'c1\n  c2',
    };
    expect(parsePoints(writePoints(frame)).frames[0]).toEqual(frame);
  });

  it('reports broken lines', () => {
    expectParseError(() => parsePoints('# only a comment\n'), 2, 1, /at least one point/);
    expectParseError(() => parsePoints('1 2\n'), 1, 4, /at least three numbers/);
    expectParseError(
      () => parsePoints('1 2 3\n4 5 6 7\n'),
      2,
      7,
      /3 numbers, as on line 1/,
      /extra field '7'/,
    );
    expectParseError(() => parsePoints('1 2 3\n4 5\n'), 2, 4, /only 2/);
    expectParseError(() => parsePoints('1 2 3\n4 inf 6\n'), 2, 3, /y coordinate/, /non-finite/);
    expectParseError(() => parsePoints('1,,2,3\n'), 1, 3, /empty field/);
    expectParseError(() => parsePoints('1 2 3\n', { maxAtoms: 0 }), 1, 1, /at most 0 points/);
  });
});

describe('parseCsv', () => {
  const HELIX =
    '# a helix\nT,X,Y,Z,label\n0,1,0,0,"start, first"\n0.5,0.877,0.479,0.1,mid\n1,0.540,0.841,0.2,"say ""end"""\n';

  it('finds x, y, z in any case and keeps other columns (numeric and string)', () => {
    const file = parseCsv(HELIX);
    checkStructure(file);
    const [frame] = file.frames;
    expect(Array.from(frame.positions)).toEqual([1, 0, 0, 0.877, 0.479, 0.1, 0.54, 0.841, 0.2]);
    expect(Array.from(frame.properties?.T as Float64Array)).toEqual([0, 0.5, 1]);
    expect(frame.properties?.label).toEqual(['start, first', 'mid', 'say "end"']);
    expect(frame.comment).toBe('a helix');
  });

  it('detects semicolon and tab delimiters', () => {
    expect(parseCsv('x;y;z\n1;2;3\n').frames[0].positions).toEqual(new Float64Array([1, 2, 3]));
    expect(parseCsv('x\ty\tz\n1\t2\t3\n').frames[0].positions).toEqual(new Float64Array([1, 2, 3]));
  });

  it('round-trips through writeCsv, strings staying strings', () => {
    const frame = parseCsv(HELIX).frames[0];
    const withNumericString = { ...frame, properties: { ...frame.properties, code: ['1', '2', '3'] } };
    expect(parseCsv(writeCsv(withNumericString)).frames[0]).toEqual(withNumericString);
  });

  it('reports broken tables', () => {
    expectParseError(() => parseCsv('a,b,c\n1,2,3\n'), 1, 1, /column named x/, /'a,b,c'/);
    expectParseError(() => parseCsv('x,y,z,X\n1,2,3,4\n'), 1, 7, /one column named x/);
    expectParseError(() => parseCsv('x,y,z,,w\n1,2,3,4,5\n'), 1, 7, /column name/, /empty name/);
    expectParseError(() => parseCsv('x,y,z\n1,2\n'), 2, 4, /3 fields/, /only 2/);
    expectParseError(() => parseCsv('x,y,z\n1,2,3,4\n'), 2, 7, /extra field/);
    expectParseError(() => parseCsv('x,y,z\n1,NaN,3\n'), 2, 3, /y coordinate/);
    expectParseError(() => parseCsv('x,y,z,name\n1,2,3,"open\n'), 2, 7, /closing quote/);
    expectParseError(() => parseCsv('x,y,z\n"1"x,2,3\n'), 2, 4, /delimiter ','/);
    expectParseError(() => parseCsv('x,y,z\n'), 2, 1, /at least one data row/);
    expectParseError(() => parseCsv('x y z\n1 2 3\n'), 1, 1, /separated by commas/);
  });
});
