/**
 * Binary little-endian PLY bodies. Counts from the header are checked against the bytes left
 * before any loop runs, so a hostile count fails at once; list elements (faces) are skipped by
 * reading each list length.
 */
import { ParseError } from './parse-error';
import { toFrame, vertexColumns } from './ply-frame';
import { type PlyElement, type PlyHeader, type PlyProperty, type PlyType, TYPE_SIZE } from './ply-header';
import type { Frame } from './types';

class BinaryBody {
  private readonly view: DataView;
  offset: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly header: PlyHeader,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = header.bodyOffset;
  }

  error(expected: string, found: string, hint: string, at = this.offset): ParseError {
    const column = at - this.header.bodyOffset + 1;
    return new ParseError({ line: this.header.lineCount + 1, column, expected, found, hint, byteOffset: at });
  }

  need(bytes: number, what: string): void {
    if (this.offset + bytes > this.bytes.length) {
      const left = this.bytes.length - this.offset;
      throw this.error(
        `${bytes} more bytes for ${what}`,
        `only ${left} left in the file`,
        'The file is truncated, or a count in the header is too large.',
      );
    }
  }

  read(type: PlyType): number {
    const v = this.view;
    const o = this.offset;
    this.offset += TYPE_SIZE[type];
    switch (type) {
      case 'int8':
        return v.getInt8(o);
      case 'uint8':
        return v.getUint8(o);
      case 'int16':
        return v.getInt16(o, true);
      case 'uint16':
        return v.getUint16(o, true);
      case 'int32':
        return v.getInt32(o, true);
      case 'uint32':
        return v.getUint32(o, true);
      case 'float32':
        return v.getFloat32(o, true);
      default:
        return v.getFloat64(o, true);
    }
  }
}

/** Bytes of the fixed part of a record: scalars plus list counts (lists add their items). */
function minimumRecordSize(properties: PlyProperty[]): number {
  return properties.reduce((sum, p) => sum + TYPE_SIZE[p.countType ?? p.type], 0);
}

export function readBinaryBody(bytes: Uint8Array, header: PlyHeader): Frame {
  const body = new BinaryBody(bytes, header);
  const vertex = header.elements.find((e) => e.name === 'vertex') as PlyElement;
  // Allocate only once the vertex records are known to fit in what is left of the file.
  const vertexBytes = vertex.count * minimumRecordSize(vertex.properties);
  if (vertexBytes > bytes.length - header.bodyOffset) {
    body.need(
      vertexBytes,
      `${vertex.count} vertex records of at least ${minimumRecordSize(vertex.properties)} bytes (header line ${vertex.line})`,
    );
  }
  const columns = vertexColumns(vertex);
  for (const element of header.elements) {
    const size = minimumRecordSize(element.properties);
    if (size === 0) continue; // a record with no properties occupies no bytes
    // Refuse impossible counts before looping: every record needs at least `size` bytes.
    body.need(
      element.count * size,
      `${element.count} ${element.name} records of at least ${size} bytes (header line ${element.line})`,
    );
    for (let r = 0; r < element.count; r++) {
      for (const p of element.properties) {
        if (p.countType !== undefined) {
          const start = body.offset;
          body.need(TYPE_SIZE[p.countType], `the length of list ${p.name}`);
          const count = body.read(p.countType);
          if (count < 0)
            throw body.error(`a list length ≥ 0 for ${p.name}`, `${count}`, 'The file is corrupt.', start);
          body.need(count * TYPE_SIZE[p.type], `list ${p.name} of ${element.name} ${r}`);
          body.offset += count * TYPE_SIZE[p.type];
          continue;
        }
        body.need(TYPE_SIZE[p.type], `property ${p.name} of ${element.name} ${r}`);
        const start = body.offset;
        const value = body.read(p.type);
        if (element !== vertex) continue;
        if (!Number.isFinite(value)) {
          throw body.error(
            `a finite ${p.type} for property ${p.name} of vertex ${r}`,
            `${value}`,
            'Remove or repair points with NaN or infinite values.',
            start,
          );
        }
        (columns.get(p.name) as Float64Array)[r] = value;
      }
    }
  }
  return toFrame(header, columns, vertex.count);
}
