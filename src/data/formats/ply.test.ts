import { describe, expect, it } from 'vitest';
import { ASCII_SQUARE, BINARY_HEADER, BINARY_RECORDS, binaryPly, type Prop } from './fixtures';
import { parsePly } from './ply';
import { writePlyAscii, writePlyBinary } from './ply-write';
import { checkStructure, encode, expectParseError } from './test-support';

describe('parsePly: valid files', () => {
  it('reads ASCII vertices, keeps extra properties, skips faces', () => {
    const file = parsePly(ASCII_SQUARE);
    checkStructure(file);
    expect(file).toMatchObject({ format: 'ply', kind: 'point-cloud' });
    const [frame] = file.frames;
    expect(Array.from(frame.positions)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]);
    expect(frame.elements).toEqual([]);
    expect(Array.from(frame.properties?.red as Float64Array)).toEqual([255, 0, 10, 20]);
    expect(Array.from(frame.properties?.confidence as Float64Array)).toEqual([0.5, 1, 0.25, 0.75]);
    expect(frame.comment).toBe('made by hand');
  });

  it('reads binary little-endian, skipping list (face) and fixed (edge) elements', () => {
    const [frame] = parsePly(binaryPly(BINARY_HEADER, BINARY_RECORDS)).frames;
    expect(Array.from(frame.positions)).toEqual([0.5, -1.25, 3, 1e-9, 2, -3]);
    expect(Array.from(frame.properties?.label as Float64Array)).toEqual([7, 200]);
  });

  it('reads binary given as a byte string, CRLF headers, and an ASCII file given as bytes', () => {
    const bytes = binaryPly(BINARY_HEADER, BINARY_RECORDS);
    const asString = String.fromCharCode(...bytes);
    expect(parsePly(asString)).toEqual(parsePly(bytes));
    const crlf = binaryPly(BINARY_HEADER.replace(/\n/g, '\r\n'), BINARY_RECORDS);
    expect(parsePly(crlf)).toEqual(parsePly(bytes));
    expect(parsePly(encode(ASCII_SQUARE))).toEqual(parsePly(ASCII_SQUARE));
  });
});

describe('writePly', () => {
  const frame = {
    positions: new Float64Array([0.1, -0.2, 0.3, 1e-300, 4e10, -0]),
    elements: [],
    properties: { intensity: new Float64Array([0.5, 2]) },
    comment: 'two points\nand a second comment line',
  };

  it('round-trips ASCII and binary (double) exactly', () => {
    expect(parsePly(writePlyAscii(frame)).frames[0]).toEqual(frame);
    expect(parsePly(writePlyBinary(frame)).frames[0]).toEqual(frame);
  });

  it('binary float precision rounds to float32', () => {
    const back = parsePly(writePlyBinary(frame, { precision: 'float' })).frames[0];
    expect(Array.from(back.positions)).toEqual(Array.from(frame.positions, (x) => Math.fround(x)));
    expect(() =>
      writePlyBinary(
        { ...frame, positions: new Float64Array([1e300, 0, 0, 0, 0, 0]) },
        { precision: 'float' },
      ),
    ).toThrow(/float/);
  });

  it('refuses string properties and bad names', () => {
    expect(() => writePlyAscii({ ...frame, properties: { label: ['a', 'b'] } })).toThrow(/numeric/);
    expect(() => writePlyAscii({ ...frame, properties: { 'a b': new Float64Array(2) } })).toThrow(/named/);
  });
});

describe('parsePly: broken files', () => {
  it('not a PLY file, empty, or no end_header', () => {
    expectParseError(() => parsePly('plx\nformat ascii 1.0\n'), 1, 1, /'ply' on the first line/);
    expectParseError(() => parsePly(''), 1, 1, /empty file/);
    expectParseError(
      () => parsePly('ply\nformat ascii 1.0\nelement vertex 1\n'),
      4,
      1,
      /'end_header'/,
      /end of the file/,
    );
    const endless = `ply\n${'comment padding padding padding\n'.repeat(3000)}`;
    expectParseError(() => parsePly(endless), 2049, 1, /within the first 65536 bytes/);
  });

  it('big-endian is refused with a clear message', () => {
    const text = ASCII_SQUARE.replace('format ascii 1.0', 'format binary_big_endian 1.0');
    expectParseError(
      () => parsePly(text),
      2,
      8,
      /ascii or binary_little_endian/,
      /Big-endian PLY is not supported/,
    );
  });

  it('header mistakes', () => {
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('property float y\n', '')),
      4,
      1,
      /scalar property 'y'/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('property float z', 'property quad z')),
      7,
      10,
      /a PLY type/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('element vertex 4', 'element vertex -4')),
      4,
      16,
      /number of vertex records/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('element vertex 4', 'element vertex 4000000000000')),
      4,
      1,
      /at most 2000000 vertices/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('comment made', 'coment made')),
      3,
      1,
      /header keyword/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('property uchar red', 'property float x')),
      8,
      16,
      /new property name/,
    );
    expectParseError(
      () => parsePly('ply\nformat ascii 1.0\nelement face 0\nend_header\n'),
      4,
      1,
      /element vertex/,
    );
    expectParseError(
      () => parsePly('ply\nformat ascii 1.0\ncomment \u00e9\nend_header\n'),
      3,
      9,
      /ASCII text in the PLY header/,
    );
  });

  it('ASCII body: NaN, out-of-range integers, wrong value counts, wrong element counts', () => {
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('1 0 0 0 1', '1 nan 0 0 1')),
      14,
      3,
      /property y of vertex 1/,
      /non-finite/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('0 0 0 255 0.5', '0 0 0 256 0.5')),
      13,
      7,
      /0 to 255/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('0 0 0 255 0.5', '0 0 0 2.5 0.5')),
      13,
      7,
      /integer/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('1 1 0 10 0.25', '1 1 0 10')),
      15,
      9,
      /value for property confidence/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('1 1 0 10 0.25', '1 1 0 10 0.25 9')),
      15,
      15,
      /extra value/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('element face 2', 'element face 3')),
      19,
      1,
      /3 face records/,
      /ends after 2/,
    );
    expectParseError(
      () => parsePly(ASCII_SQUARE.replace('element face 2', 'element face 1')),
      18,
      1,
      /end of the file after 4 vertex, 1 face records/,
    );
  });

  it('binary body: truncation, impossible counts, NaN (with byte offsets)', () => {
    const bytes = binaryPly(BINARY_HEADER, BINARY_RECORDS);
    expectParseError(
      () => parsePly(bytes.subarray(0, bytes.length - 3)),
      14,
      64,
      /8 more bytes for 1 edge records/,
      /truncated/,
    );
    const hugeHeader = BINARY_HEADER.replace('element face 1', 'element face 1000000000000');
    const huge = binaryPly(hugeHeader, BINARY_RECORDS);
    const e = expectParseError(
      () => parsePly(huge),
      14,
      51,
      /1000000000000 face records of at least 1 bytes/,
    );
    expect(e.byteOffset).toBe(encode(hugeHeader).length + 50);
    const nan = BINARY_RECORDS.map((r) => r.slice()) as Prop[][];
    nan[1][1] = ['float64', Number.NaN];
    expectParseError(
      () => parsePly(binaryPly(BINARY_HEADER, nan)),
      14,
      34,
      /finite float64 for property y of vertex 1/,
    );
    const badList = BINARY_RECORDS.map((r) => r.slice()) as Prop[][];
    badList[2][0] = ['uint8', 250];
    expectParseError(
      () => parsePly(binaryPly(BINARY_HEADER, badList)),
      14,
      52,
      /1000 more bytes for list vertex_indices/,
    );
  });

  it('binary data given as UTF-8-decoded text is refused', () => {
    const text = `${BINARY_HEADER}\u20ac\u20ac\u20ac`;
    expectParseError(() => parsePly(text), 14, 1, /raw bytes/);
  });
});
