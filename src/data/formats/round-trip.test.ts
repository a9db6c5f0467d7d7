/** write → parse is the identity, for every format, on generated structures. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdbFrames, pointFrame, sdfFrame, xyzFrame } from './arbitraries';
import { parseCsv, writeCsv } from './csv';
import { parsePdb } from './pdb';
import { writePdb } from './pdb-write';
import { parsePly } from './ply';
import { writePlyAscii, writePlyBinary } from './ply-write';
import { parsePoints, writePoints } from './points';
import { parseSdf } from './sdf';
import { writeSdf } from './sdf-write';
import { parseXyz } from './xyz';
import { writeXyz } from './xyz-write';

const RUNS = { numRuns: 300, seed: 20240601 };

describe('round trips (write → parse → equal)', () => {
  it('XYZ / extended XYZ, multi-frame', () => {
    fc.assert(
      fc.property(fc.array(xyzFrame, { minLength: 1, maxLength: 3 }), (frames) => {
        expect(parseXyz(writeXyz(frames)).frames).toEqual(frames);
      }),
      RUNS,
    );
  });

  it('SDF V2000 (coordinates on the %10.4f grid)', () => {
    fc.assert(
      fc.property(fc.array(sdfFrame('V2000'), { minLength: 1, maxLength: 3 }), (frames) => {
        expect(parseSdf(writeSdf(frames, { version: 'V2000' })).frames).toEqual(frames);
      }),
      RUNS,
    );
  });

  it('SDF V3000 (full precision)', () => {
    fc.assert(
      fc.property(fc.array(sdfFrame('V3000'), { minLength: 1, maxLength: 3 }), (frames) => {
        expect(parseSdf(writeSdf(frames, { version: 'V3000' })).frames).toEqual(frames);
      }),
      RUNS,
    );
  });

  it('PDB, one or several models (coordinates on the %8.3f grid)', () => {
    fc.assert(
      fc.property(pdbFrames, (frames) => {
        expect(parsePdb(writePdb(frames)).frames).toEqual(frames);
      }),
      RUNS,
    );
  });

  it('PLY, ASCII and binary', () => {
    fc.assert(
      fc.property(pointFrame({ minPoints: 0, strings: false, asciiComment: true }), (frame) => {
        expect(parsePly(writePlyAscii(frame)).frames).toEqual([frame]);
        expect(parsePly(writePlyBinary(frame)).frames).toEqual([frame]);
      }),
      RUNS,
    );
  });

  it('plain x y z text', () => {
    fc.assert(
      fc.property(pointFrame({ minPoints: 1, strings: false, asciiComment: false }), (frame) => {
        expect(parsePoints(writePoints(frame)).frames).toEqual([frame]);
      }),
      RUNS,
    );
  });

  it('CSV, numeric and string columns', () => {
    fc.assert(
      fc.property(pointFrame({ minPoints: 1, strings: true, asciiComment: false }), (frame) => {
        expect(parseCsv(writeCsv(frame)).frames).toEqual([frame]);
      }),
      RUNS,
    );
  });

  it('quantised formats are stable: write(parse(write(x))) = write(x) for any coordinates', () => {
    const anyCoordinates = fc
      .integer({ min: 1, max: 6 })
      .chain((n) =>
        fc.array(fc.double({ min: -999, max: 9999, noNaN: true }), { minLength: 3 * n, maxLength: 3 * n }),
      );
    fc.assert(
      fc.property(anyCoordinates, (xs) => {
        const frame = {
          positions: Float64Array.from(xs),
          elements: xs.filter((_, i) => i % 3 === 0).map(() => 'C'),
        };
        const sdf = writeSdf([frame], { version: 'V2000' });
        expect(writeSdf(parseSdf(sdf).frames, { version: 'V2000' })).toBe(sdf);
        const pdb = writePdb([frame]);
        expect(writePdb(parsePdb(pdb).frames)).toBe(pdb);
      }),
      RUNS,
    );
  });
});
