/**
 * PLY point-cloud reader (ASCII and binary little-endian). The vertex element's x, y, z become
 * positions and its other scalar properties per-point `properties`; every other element (faces,
 * edges) is skipped, in binary by walking its list lengths. Header comments become the comment.
 */
import { splitFields } from './fields';
import { describeBadNumber, parseFiniteNumber, parseStrictInteger } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { readBinaryBody } from './ply-binary';
import { scalarNames, toFrame } from './ply-frame';
import { type PlyElement, type PlyHeader, type PlyType, readPlyHeader } from './ply-header';
import {
  checkSize,
  type Input,
  LineReader,
  rejectBinaryText,
  rejectKnownBinary,
  truncatedError,
} from './text-input';
import type { Frame, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';

const INT_RANGE: Record<PlyType, [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  float64: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
};

// ---------------------------------------------------------------- ASCII body

const ASCII_HINT =
  'Each record of an ASCII PLY body is one line with one value per declared property (lists: count, then items).';

function asciiValue(reader: LineReader, text: string, column: number, type: PlyType, what: string): number {
  const isFloat = type === 'float32' || type === 'float64';
  const value = isFloat ? parseFiniteNumber(text) : parseStrictInteger(text);
  const [lo, hi] = INT_RANGE[type];
  if (value !== undefined && value >= lo && value <= hi) return value;
  const expected = isFloat
    ? `a finite number for ${what}`
    : `an integer from ${lo} to ${hi} for ${what} (${type})`;
  const found =
    value === undefined && isFloat ? `${quoteFound(text)} (${describeBadNumber(text)})` : quoteFound(text);
  throw new ParseError({ line: reader.current, column, expected, found, hint: ASCII_HINT });
}

function readAsciiBody(body: string, header: PlyHeader): Frame {
  const reader = new LineReader(body, header.lineCount + 1);
  const vertex = header.elements.find((e) => e.name === 'vertex') as PlyElement;
  // Growable columns: text can promise any count, so memory follows the lines actually read.
  const columns = new Map(scalarNames(vertex).map((name): [string, number[]] => [name, []]));
  for (const element of header.elements) {
    for (let r = 0; r < element.count; r++) {
      const line = reader.nextNonBlank();
      if (line === null) {
        throw truncatedError(
          reader,
          `${element.count} ${element.name} records (header line ${element.line})`,
          `The file ends after ${r}; check the count in the header or whether the file was cut short.`,
        );
      }
      if (element !== vertex) continue; // faces and other elements are not used
      const fields = splitFields(line.text);
      let f = 0;
      for (const p of element.properties) {
        const take = (what: string, type: PlyType): number => {
          const field = fields[f++];
          if (field === undefined) {
            throw new ParseError({
              line: line.number,
              column: line.text.length + 1,
              expected: `a value for ${what}`,
              found: 'the end of the line',
              hint: ASCII_HINT,
            });
          }
          return asciiValue(reader, field.text, field.column, type, what);
        };
        if (p.countType === undefined)
          (columns.get(p.name) as number[]).push(take(`property ${p.name} of vertex ${r}`, p.type));
        else {
          const count = take(`the length of list ${p.name}`, p.countType);
          for (let k = 0; k < count; k++) take(`item ${k} of list ${p.name}`, p.type);
        }
      }
      if (f < fields.length) {
        throw new ParseError({
          line: line.number,
          column: fields[f].column,
          expected: `${f} values (the vertex properties in the header)`,
          found: `an extra value ${quoteFound(fields[f].text)}`,
          hint: ASCII_HINT,
        });
      }
    }
  }
  const extra = reader.nextNonBlank();
  if (extra !== null) {
    const counts = header.elements.map((e) => `${e.count} ${e.name}`).join(', ');
    throw new ParseError({
      line: extra.number,
      column: 1,
      expected: `the end of the file after ${counts} records`,
      found: quoteFound(extra.text),
      hint: 'Check the element counts in the header.',
    });
  }
  return toFrame(header, columns, vertex.count);
}

// ---------------------------------------------------------------- entry point

/** Binary PLY given as a string: usable only if every character is a byte (a "binary string"). */
function stringToBytes(text: string, header: PlyHeader): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 255) {
      throw new ParseError({
        line: header.lineCount + 1,
        column: i - header.bodyOffset + 1,
        expected: 'raw bytes for a binary PLY body',
        found: 'text that was decoded as UTF-8',
        hint: 'Read binary PLY files as bytes (ArrayBuffer / Uint8Array), not as text.',
      });
    }
    bytes[i] = c;
  }
  return bytes;
}

export function parsePly(data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  checkSize(data, lim, 'a PLY file');
  rejectKnownBinary(data, 'a PLY file');
  if (data.length === 0) {
    throw new ParseError({
      line: 1,
      column: 1,
      expected: 'a PLY file',
      found: 'an empty file',
      hint: 'Check that the upload finished and that you picked the right file.',
    });
  }
  const header = readPlyHeader(data, lim);
  let frame: Frame;
  if (header.format === 'ascii') {
    const body =
      typeof data === 'string'
        ? data.slice(header.bodyOffset)
        : new TextDecoder().decode(data.subarray(header.bodyOffset));
    rejectBinaryText(body, 'an ASCII PLY body', header.lineCount + 1);
    frame = readAsciiBody(body, header);
  } else {
    frame = readBinaryBody(typeof data === 'string' ? stringToBytes(data, header) : data, header);
  }
  return { format: 'ply', kind: 'point-cloud', frames: [frame] };
}
