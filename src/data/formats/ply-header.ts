/**
 * The PLY header: `ply`, `format …`, `element <name> <count>` each followed by its
 * `property <type> <name>` / `property list <count type> <item type> <name>` lines, `comment`s,
 * `end_header`. It is ASCII text even in binary files; it is read byte by byte up to a cap.
 */
import { readInteger, splitFields } from './fields';
import { ParseError, quoteFound } from './parse-error';
import { getOwn } from './records';
import type { Input, Line } from './text-input';
import type { ParseLimits } from './types';

export type PlyType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

export interface PlyProperty {
  name: string;
  type: PlyType;
  /** For list properties: the type of the leading item count (`type` is then the item type). */
  countType?: PlyType;
}

export interface PlyElement {
  name: string;
  count: number;
  properties: PlyProperty[];
  line: number;
}

export interface PlyHeader {
  format: 'ascii' | 'binary_little_endian';
  elements: PlyElement[];
  comments: string[];
  /** Number of header lines, `end_header` included. */
  lineCount: number;
  /** Offset of the first body byte (or character, for string input). */
  bodyOffset: number;
}

/** Longest header accepted, so that a file without `end_header` is refused quickly. */
export const MAX_PLY_HEADER = 65536;

export const PLY_TYPES: Record<string, PlyType> = {
  char: 'int8',
  int8: 'int8',
  uchar: 'uint8',
  uint8: 'uint8',
  short: 'int16',
  int16: 'int16',
  ushort: 'uint16',
  uint16: 'uint16',
  int: 'int32',
  int32: 'int32',
  uint: 'uint32',
  uint32: 'uint32',
  float: 'float32',
  float32: 'float32',
  double: 'float64',
  float64: 'float64',
};

export const TYPE_SIZE: Record<PlyType, number> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

const HINT =
  'A PLY header is "ply", "format ascii 1.0" (or binary_little_endian), then "element"/"property" lines and "end_header".';

function fail(line: Line, column: number, expected: string, found: string, hint = HINT): never {
  throw new ParseError({ line: line.number, column, expected, found, hint });
}

/** Split the header into lines (up to `end_header`), returning them and the body offset. */
function headerLines(data: Input): { lines: Line[]; bodyOffset: number } {
  const code = (i: number) => (typeof data === 'string' ? data.charCodeAt(i) : data[i]);
  const lines: Line[] = [];
  let text = '';
  const limit = Math.min(data.length, MAX_PLY_HEADER);
  for (let i = 0; i < limit; i++) {
    const c = code(i);
    if (c === 10) {
      const line = { text: text.endsWith('\r') ? text.slice(0, -1) : text, number: lines.length + 1 };
      lines.push(line);
      if (lines.length === 1 && line.text !== 'ply')
        fail(line, 1, "'ply' on the first line", quoteFound(line.text));
      if (line.text.trim() === 'end_header') return { lines, bodyOffset: i + 1 };
      text = '';
    } else if (c > 126 || (c < 32 && c !== 9 && c !== 13)) {
      fail(
        { text, number: lines.length + 1 },
        text.length + 1,
        'ASCII text in the PLY header',
        `the byte 0x${c.toString(16).padStart(2, '0')}`,
      );
    } else text += String.fromCharCode(c);
  }
  if (text.trim() === 'end_header')
    return { lines: [...lines, { text, number: lines.length + 1 }], bodyOffset: data.length };
  if (lines.length === 0 && !'ply'.startsWith(text.trimEnd()))
    fail({ text, number: 1 }, 1, "'ply' on the first line", quoteFound(text));
  const where = { text, number: lines.length + 1 };
  if (data.length > MAX_PLY_HEADER)
    fail(
      where,
      1,
      `'end_header' within the first ${MAX_PLY_HEADER} bytes`,
      'a longer header',
      'Check that this is a PLY file; headers are normally a few hundred bytes.',
    );
  return fail(where, 1, "'end_header'", 'the end of the file');
}

function addProperty(line: Line, element: PlyElement | undefined): void {
  const f = splitFields(line.text);
  if (element === undefined)
    fail(line, 1, "an 'element' line before the first property", quoteFound(line.text));
  const isList = f[1]?.text === 'list';
  const want = isList ? 5 : 3;
  if (f.length !== want) {
    fail(
      line,
      f[want]?.column ?? line.text.length + 1,
      isList ? 'property list <count type> <item type> <name>' : 'property <type> <name>',
      quoteFound(line.text),
    );
  }
  const typeOf = (k: number): PlyType =>
    getOwn(PLY_TYPES, f[k].text) ??
    fail(
      line,
      f[k].column,
      'a PLY type (char, uchar, short, ushort, int, uint, float, double)',
      quoteFound(f[k].text),
    );
  const property: PlyProperty = { name: f[want - 1].text, type: typeOf(want - 2) };
  if (isList) {
    property.countType = typeOf(2);
    if (property.countType.startsWith('float'))
      fail(line, f[2].column, 'an integer type for the list count', quoteFound(f[2].text));
  }
  if (element.properties.some((p) => p.name === property.name))
    fail(line, f[want - 1].column, 'a new property name', `a second ${quoteFound(property.name)}`);
  element.properties.push(property);
}

function checkVertex(header: PlyHeader, last: Line, limits: ParseLimits): void {
  const vertex = header.elements.find((e) => e.name === 'vertex');
  if (vertex === undefined)
    fail(
      last,
      1,
      "an 'element vertex <count>' line",
      'none in the header',
      'Point clouds need a vertex element with x, y and z properties.',
    );
  for (const axis of ['x', 'y', 'z']) {
    const p = vertex.properties.find((q) => q.name === axis);
    if (p === undefined || p.countType !== undefined) {
      fail(
        { text: '', number: vertex.line },
        1,
        `a scalar property '${axis}' in the vertex element`,
        p ? 'a list' : 'none',
        'Declare e.g. "property float x" after "element vertex N".',
      );
    }
  }
  if (vertex.count > limits.maxAtoms) {
    fail(
      { text: '', number: vertex.line },
      1,
      `at most ${limits.maxAtoms} vertices (the point limit)`,
      `${vertex.count}`,
      'Downsample the point cloud, or raise limits.maxAtoms.',
    );
  }
}

export function readPlyHeader(data: Input, limits: ParseLimits): PlyHeader {
  const { lines, bodyOffset } = headerLines(data);
  let format: PlyHeader['format'] | undefined;
  const header: PlyHeader = {
    format: 'ascii',
    elements: [],
    comments: [],
    lineCount: lines.length,
    bodyOffset,
  };
  for (const line of lines.slice(1, -1)) {
    const f = splitFields(line.text);
    const keyword = f[0]?.text ?? '';
    if (keyword === 'comment' || keyword === 'obj_info') {
      if (keyword === 'comment') header.comments.push(line.text.replace(/^\s*comment ?/, ''));
    } else if (keyword === 'format') {
      const kind = f[1]?.text ?? '';
      if (kind === 'binary_big_endian') {
        fail(
          line,
          f[1].column,
          'ascii or binary_little_endian',
          "'binary_big_endian'",
          'Big-endian PLY is not supported; convert it (e.g. with MeshLab, Open3D or plyfile) to little-endian or ASCII.',
        );
      }
      if (
        (kind !== 'ascii' && kind !== 'binary_little_endian') ||
        f.length !== 3 ||
        (f[2].text !== '1.0' && f[2].text !== '1')
      ) {
        fail(
          line,
          f[1]?.column ?? 1,
          "'format ascii 1.0' or 'format binary_little_endian 1.0'",
          quoteFound(line.text),
        );
      }
      format = kind;
    } else if (keyword === 'element') {
      if (f.length !== 3) fail(line, 1, 'element <name> <count>', quoteFound(line.text));
      const count = readInteger(
        line,
        f[2],
        `the number of ${f[1].text} records`,
        [0, Number.MAX_SAFE_INTEGER],
        HINT,
      );
      header.elements.push({ name: f[1].text, count, properties: [], line: line.number });
    } else if (keyword === 'property') {
      addProperty(line, header.elements[header.elements.length - 1]);
    } else if (keyword !== '') {
      fail(line, 1, 'a header keyword (format, element, property, comment, end_header)', quoteFound(keyword));
    }
  }
  const last = lines[lines.length - 1];
  if (format === undefined) fail(last, 1, "a 'format' line", 'none in the header');
  header.format = format;
  checkVertex(header, last, limits);
  return header;
}
