/**
 * PLY writer for point clouds: one vertex element with x, y, z and every numeric per-point
 * property. ASCII writes shortest round-trip decimals (type double); binary little-endian writes
 * double by default or float (4 bytes, rounded) on request. The comment becomes `comment` lines.
 */
import { atomsIn } from './frame-checks';
import { formatNumber } from './numbers';
import type { Frame } from './types';

export interface PlyBinaryOptions {
  /** 'double' (default) round-trips exactly; 'float' halves the size. */
  precision?: 'float' | 'double';
}

interface Column {
  name: string;
  values: Float64Array;
}

/** x, y, z, then the per-point properties, each one value per point. */
function columnsOf(frame: Frame, n: number): Column[] {
  const axes = ['x', 'y', 'z'].map((name, k) => ({
    name,
    values: Float64Array.from({ length: n }, (_, i) => frame.positions[3 * i + k]),
  }));
  const extra = Object.entries(frame.properties ?? {}).map(([name, values]) => {
    if (!(values instanceof Float64Array) || values.length !== n) {
      throw new RangeError(`ply: property '${name}' must be numeric with one value per point`);
    }
    if (name.length === 0 || /\s/.test(name) || name === 'x' || name === 'y' || name === 'z') {
      throw new RangeError(`ply: cannot write a property named '${name}'`);
    }
    return { name, values };
  });
  return [...axes, ...extra];
}

function headerText(frame: Frame, n: number, format: string, type: string, columns: Column[]): string {
  const lines = ['ply', `format ${format} 1.0`];
  if (frame.comment !== undefined && frame.comment.length > 0) {
    for (const line of frame.comment.split('\n')) {
      if (line.includes('\r')) throw new RangeError('ply: comment lines cannot contain a carriage return');
      lines.push(`comment ${line}`);
    }
  }
  lines.push(`element vertex ${n}`, ...columns.map((c) => `property ${type} ${c.name}`), 'end_header');
  return `${lines.join('\n')}\n`;
}

export function writePlyAscii(frame: Frame): string {
  const n = atomsIn(frame, 'ply', 0);
  const columns = columnsOf(frame, n);
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(columns.map((c) => formatNumber(c.values[i])).join(' '));
  return headerText(frame, n, 'ascii', 'double', columns) + rows.map((r) => `${r}\n`).join('');
}

export function writePlyBinary(frame: Frame, options: PlyBinaryOptions = {}): Uint8Array {
  const n = atomsIn(frame, 'ply', 0);
  const columns = columnsOf(frame, n);
  const double = (options.precision ?? 'double') === 'double';
  const header = new TextEncoder().encode(
    headerText(frame, n, 'binary_little_endian', double ? 'double' : 'float', columns),
  );
  const size = double ? 8 : 4;
  const out = new Uint8Array(header.length + n * columns.length * size);
  out.set(header);
  const view = new DataView(out.buffer);
  let o = header.length;
  for (let i = 0; i < n; i++) {
    for (const c of columns) {
      const v = c.values[i];
      if (!Number.isFinite(double ? v : Math.fround(v)))
        throw new RangeError(
          `ply: ${c.name} of point ${i} (${v}) is not finite as a ${double ? 'double' : 'float'}`,
        );
      if (double) view.setFloat64(o, v, true);
      else view.setFloat32(o, v, true);
      o += size;
    }
  }
  return out;
}
