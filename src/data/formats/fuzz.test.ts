/**
 * Property-based fuzzing of every parser: arbitrary text and bytes, "token soup" built from each
 * format's own keywords (to get past the first line), and mutations of valid files. Each input
 * must parse into a consistent structure or fail with a ParseError, quickly; any other exception
 * or a slow parse fails the test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { parseStructureFile } from './detect';
import {
  ACETATE,
  ASCII_SQUARE,
  BENZENE,
  BINARY_HEADER,
  BINARY_RECORDS,
  binaryPly,
  ETHANOL_V3000,
  EXTENDED,
  QUIRKY,
  TWO_MODELS,
  WATER,
} from './fixtures';
import { ParseError } from './parse-error';
import { parsePdb } from './pdb';
import { parsePly } from './ply';
import { parsePoints } from './points';
import { parseSdf } from './sdf';
import { writeSdf } from './sdf-write';
import { checkStructure, parseOrParseError } from './test-support';
import type { Input } from './text-input';
import type { ParseLimits, StructureFile } from './types';
import { parseXyz } from './xyz';

/** 300 runs per property keeps the suite fast; FUZZ_RUNS=20000 fuzzes deeper on demand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/** A parse of a few hundred bytes takes well under a millisecond; this only catches hangs. */
const SLOW_MS = 250;
/** Small limits keep hostile counts cheap while exercising the limit checks. */
const LIMITS: Partial<ParseLimits> = { maxAtoms: 5000, maxFrames: 200 };

type Parse = (data: Input, limits?: Partial<ParseLimits>) => StructureFile;

interface Target {
  name: string;
  parse: Parse;
  /** Valid files to mutate. */
  seeds: Input[];
  /** Fragments of the format, glued at random into plausible-looking input. */
  tokens: string[];
}

const COMMON = [
  '\n',
  ' ',
  '  ',
  '\t',
  '\r\n',
  '0',
  '1',
  '3',
  '-1.5',
  '2.25e-3',
  'nan',
  'inf',
  '1e999',
  '"',
  '#',
  ',',
  '999999999999',
  'C',
  'H',
  'Cl',
  'Xx',
  '\u00e9',
  '__proto__',
  'constructor',
  'toString',
];

const TARGETS: Target[] = [
  {
    name: 'xyz',
    parse: parseXyz,
    seeds: [WATER, EXTENDED],
    tokens: [
      'Properties=species:S:1:pos:R:3',
      ':forces:R:3',
      ':q:I:2',
      ':f:L:1',
      'Lattice="',
      'energy=',
      'pbc="T T T"',
      'T',
      'F',
      '{',
      '}',
      '=',
      '\\"',
      ...COMMON,
    ],
  },
  {
    name: 'sdf',
    parse: parseSdf,
    seeds: [
      BENZENE,
      ACETATE + ACETATE,
      ETHANOL_V3000,
      writeSdf(parseSdf(BENZENE).frames, { version: 'V3000' }),
    ],
    tokens: [
      '  3  2  0  0  0  0  0  0  0  0999 V2000',
      '    0.0000    1.0000   -2.0000 C   0  0',
      '  1  2  1  0',
      'M  CHG  1   1  -1',
      'M  END',
      '$$$$',
      '> <name>',
      'M  V30 ',
      'BEGIN CTAB',
      'COUNTS 2 1 0 0 0',
      'BEGIN ATOM',
      'END ATOM',
      'BEGIN BOND',
      'END BOND',
      'END CTAB',
      '-',
      '(',
      ')',
      'CHG=1',
      'V3000',
      ...COMMON,
    ],
  },
  {
    name: 'pdb',
    parse: parsePdb,
    seeds: [TWO_MODELS, QUIRKY],
    tokens: [
      'ATOM      1  CA  ALA A   1      11.104   6.134  -6.504  1.00  0.00           C',
      'HETATM    2 FE   HEM A   2       1.000   2.000   3.000',
      'MODEL        1',
      'ENDMDL',
      'CONECT    1    2    2',
      'CONECT    2    1',
      'TER',
      'END',
      'ATOM  ',
      ...COMMON,
    ],
  },
  {
    name: 'ply',
    parse: parsePly,
    seeds: [ASCII_SQUARE, binaryPly(BINARY_HEADER, BINARY_RECORDS)],
    tokens: [
      'ply\n',
      'format ascii 1.0\n',
      'format binary_little_endian 1.0\n',
      'element vertex 2\n',
      'element face 1\n',
      'property float x\nproperty float y\nproperty float z\n',
      'property list uchar int vertex_indices\n',
      'property uchar red\n',
      'end_header\n',
      '\u0000',
      '\u00ff',
      ...COMMON,
    ],
  },
  {
    name: 'points',
    parse: parsePoints,
    seeds: ['# x y z intensity\n1 2 3 4\n5,6,7,8\n-1 -2 -3 0.5 # end\n'],
    tokens: ['# x y z a b\n', '1 2 3\n', '4,5,6\n', ',,', ...COMMON],
  },
  {
    name: 'csv',
    parse: parseCsv,
    seeds: ['# helix\nt,x,y,z,label\n0,1,0,0,"a, b"\n1,0.5,0.8,0.1,c\n'],
    tokens: ['x,y,z\n', 'X;Y;Z;w\n', '"q""uoted"', ';', '\t', ...COMMON],
  },
];

/** Parse, time it, and check the outcome. */
function exercise(parse: Parse, data: Input): void {
  const t0 = performance.now();
  const outcome = parseOrParseError(() => parse(data, LIMITS));
  const elapsed = performance.now() - t0;
  expect(elapsed, `parse took ${elapsed.toFixed(1)} ms`).toBeLessThan(SLOW_MS);
  if (outcome instanceof ParseError) {
    expect(outcome.line).toBeGreaterThanOrEqual(1);
    expect(outcome.column).toBeGreaterThanOrEqual(1);
    expect(outcome.message).toMatch(
      /^line \d+, column \d+( \(byte \d+, binary data\))?: expected .+, found .+\. \S/,
    );
  } else {
    checkStructure(outcome);
  }
}

const mutation = fc.record({
  kind: fc.constantFrom('replace', 'insert', 'delete', 'truncate', 'duplicate-line', 'drop-line', 'number'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 12 }),
  text: fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('nan', '-', '0', '\n', ' ', '99999999999', '$$$$', 'M  END', '"', '\u0000'),
  ),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** Apply mutations to text (bytes are edited through a byte-for-character view). */
function mutate(seed: Input, mutations: Mutation[]): Input {
  let s = typeof seed === 'string' ? seed : String.fromCharCode(...seed);
  for (const m of mutations) {
    const at = s.length === 0 ? 0 : m.at % s.length;
    const lineStart = s.lastIndexOf('\n', at) + 1;
    const lineEnd = s.indexOf('\n', at) === -1 ? s.length : s.indexOf('\n', at) + 1;
    switch (m.kind) {
      case 'replace':
        s = s.slice(0, at) + m.text + s.slice(at + m.text.length);
        break;
      case 'insert':
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + m.length);
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'duplicate-line':
        s = s.slice(0, lineEnd) + s.slice(lineStart, lineEnd) + s.slice(lineEnd);
        break;
      case 'drop-line':
        s = s.slice(0, lineStart) + s.slice(lineEnd);
        break;
      case 'number': {
        // Swap a digit run for a hostile value (huge count, NaN, sign only).
        const digits = /[0-9]+/.exec(s.slice(at));
        if (digits)
          s = s.slice(0, at + digits.index) + m.text + s.slice(at + digits.index + digits[0].length);
        break;
      }
    }
  }
  if (typeof seed === 'string') return s;
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

describe.each(TARGETS)('fuzz $name', ({ parse, seeds, tokens }) => {
  it(`arbitrary text never throws anything but ParseError (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => exercise(parse, text)),
      { numRuns: RUNS },
    );
  });

  it(`arbitrary bytes never throw anything but ParseError (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => exercise(parse, bytes)),
      { numRuns: RUNS },
    );
  });

  it(`token soup never throws anything but ParseError (${RUNS} runs)`, () => {
    const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(soup, (text) => exercise(parse, text)),
      { numRuns: RUNS },
    );
  });

  it(`mutated valid files parse or give a ParseError (${RUNS} runs)`, () => {
    for (const seed of seeds) exercise(parse, seed);
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) =>
        exercise(parse, mutate(seed, ms)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz parseStructureFile', () => {
  it(`any name and content gives a StructureFile or a ParseError (${RUNS} runs)`, () => {
    const names = fc.constantFrom(
      'a.constructor',
      'b.__proto__',
      'a.xyz',
      'b.sdf',
      'c.mol',
      'd.pdb',
      'e.ply',
      'f.csv',
      'g.txt',
      'h',
      'i.mol2',
      'j.XYZ',
    );
    const content = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom<Input>(WATER, BENZENE, TWO_MODELS, ASCII_SQUARE),
    );
    fc.assert(
      fc.property(names, content, (name, data) => exercise((d, l) => parseStructureFile(name, d, l), data)),
      { numRuns: RUNS },
    );
  });
});
