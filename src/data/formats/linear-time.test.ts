/**
 * Inputs built to trip quadratic scans or huge allocations (long lines, many frames, hostile
 * counts, deep continuations); each must finish within seconds with a result or a ParseError.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { BINARY_HEADER } from './fixtures';
import { ParseError } from './parse-error';
import { parsePdb } from './pdb';
import { parsePly } from './ply';
import { parsePoints } from './points';
import { parseSdf } from './sdf';
import { checkStructure, encode, parseOrParseError } from './test-support';
import type { Input } from './text-input';
import type { ParseLimits, StructureFile } from './types';
import { parseXyz } from './xyz';

type Parse = (data: Input, limits?: Partial<ParseLimits>) => StructureFile;

describe('pathological inputs finish quickly', () => {
  const MB = 1 << 20;
  const cases: [string, Parse, () => Input][] = [
    ['xyz: 4 MB line of digits', parseXyz, () => '1'.repeat(4 * MB)],
    ['xyz: 200k empty frames', parseXyz, () => '0\n\n'.repeat(200_000)],
    ['xyz: 4 MB comment full of quotes', parseXyz, () => `1\n${'a="'.repeat(MB)}\nC 0 0 0\n`],
    [
      'sdf: 100k V3000 continuation lines',
      parseSdf,
      () =>
        `t\np\n\n  0  0  0     0  0            999 V3000\nM  V30 BEGIN CTAB\nM  V30 COUNTS 1 0 -\n${'M  V30 1 -\n'.repeat(100_000)}M  V30 0\n`,
    ],
    [
      'sdf: 100k records with blank titles',
      parseSdf,
      () => `\n  p\n\n  0  0  0  0  0  0  0  0  0  0999 V2000\nM  END\n$$$$\n`.repeat(100_000),
    ],
    ['pdb: 300 models x 3000 CONECT pairs', parsePdb, pdbManyModels],
    ['pdb: 1 MB of blank lines', parsePdb, () => '\n'.repeat(MB)],
    [
      'ply: 1e12 faces declared',
      parsePly,
      () => encode(`${BINARY_HEADER.replace('element face 1', 'element face 1000000000000')}xxxxxxxx`),
    ],
    [
      'ply: 60 kB of properties in the header',
      parsePly,
      () =>
        `ply\nformat ascii 1.0\nelement vertex 1\n${Array.from({ length: 3000 }, (_, i) => `property float p${i}`).join('\n')}\nend_header\n`,
    ],
    [
      'ply: 2e6 vertices x 3000 properties declared, ASCII body of one line',
      parsePly,
      () => plyHugeHeader('ascii'),
    ],
    [
      'ply: 2e6 vertices x 3000 properties declared, binary body of 6 bytes',
      parsePly,
      () => encode(plyHugeHeader('binary_little_endian')),
    ],
    ['points: 2 MB of commas', parsePoints, () => `1,2,3\n${','.repeat(2 * MB)}\n`],
    [
      'csv: 200k columns',
      parseCsv,
      () => `x,y,z,${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\n1,2,3\n`,
    ],
    ['csv: 2 MB quoted field', parseCsv, () => `x,y,z,n\n1,2,3,"${'""'.repeat(MB)}`],
  ];

  it.each(cases)('%s', (_, parse, make) => {
    const data = make();
    const t0 = performance.now();
    const outcome = parseOrParseError(() => parse(data, { maxFrames: 1_000_000, maxAtoms: 2_000_000 }));
    expect(performance.now() - t0).toBeLessThan(3000);
    if (!(outcome instanceof ParseError)) checkStructure(outcome);
  });

  function plyHugeHeader(format: string): string {
    const props = Array.from({ length: 3000 }, (_, i) => `property float p${i}`).join('\n');
    return `ply\nformat ${format} 1.0\nelement vertex 2000000\nproperty float x\nproperty float y\nproperty float z\n${props}\nend_header\n0 0 0\n`;
  }

  function pdbManyModels(): string {
    const atoms = Array.from(
      { length: 100 },
      (_, i) =>
        `HETATM${String(i + 1).padStart(5)}  C   UNL A   1       0.000   0.000   0.000  1.00  0.00           C`,
    ).join('\n');
    const models = Array.from(
      { length: 300 },
      (_, m) => `MODEL     ${String(m + 1).padStart(4)}\n${atoms}\nENDMDL`,
    ).join('\n');
    const conect = Array.from(
      { length: 750 },
      (_, k) =>
        `CONECT${String((k % 100) + 1).padStart(5)}${[1, 2, 3, 4].map((d) => String(((k + d * 7) % 100) + 1).padStart(5)).join('')}`,
    ).join('\n');
    return `${models}\n${conect}\nEND\n`;
  }
});
