/**
 * XYZ writer. Frames with only elements, positions and a plain comment are written as plain XYZ;
 * anything else (lattice, pbc, energy, forces, properties, info) as extended XYZ. Numbers use the
 * shortest round-trip form, so `parseXyz(writeXyz(frames))` gives the frames back exactly.
 */
import { atomsIn, checkElements, checkOneLine, componentsOf } from './frame-checks';
import { isWritableKey, quoteValue } from './key-values';
import { formatNumber } from './numbers';
import type { Frame, InfoValue } from './types';
import { isReservedXyzKey, parseXyzHeader } from './xyz-header';

const RESERVED_COLUMNS = new Set(['species', 'pos', 'forces']);

/** Whether a comment would be read back as itself from a plain comment line. */
function isPlainComment(comment: string): boolean {
  if (comment.trim().length === 0) return false;
  try {
    const header = parseXyzHeader({ text: comment, number: 1 });
    return (
      !header.extended &&
      header.comment === comment &&
      header.info === undefined &&
      header.lattice === undefined
    );
  } catch {
    return false;
  }
}

function needsExtended(frame: Frame): boolean {
  return (
    frame.lattice !== undefined ||
    frame.pbc !== undefined ||
    frame.energy !== undefined ||
    frame.forces !== undefined ||
    Object.keys(frame.properties ?? {}).length > 0 ||
    Object.keys(frame.info ?? {}).length > 0 ||
    (frame.comment !== undefined && frame.comment.length > 0 && !isPlainComment(frame.comment))
  );
}

function infoText(key: string, value: InfoValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (Array.isArray(value)) {
    if (value.length === 0) throw new RangeError(`xyz: info '${key}' is an empty array`);
    return `"${value.map(formatNumber).join(' ')}"`;
  }
  checkOneLine(value, `info '${key}'`, 'xyz');
  return quoteValue(value);
}

interface Column {
  name: string;
  type: 'S' | 'R';
  count: number;
  values: Float64Array | string[];
}

function extraColumns(frame: Frame, n: number): Column[] {
  const columns: Column[] = [];
  if (frame.forces) columns.push({ name: 'forces', type: 'R', count: 3, values: frame.forces });
  if (frame.forces && frame.forces.length !== 3 * n)
    throw new RangeError(`xyz: forces have ${frame.forces.length} values for ${n} atoms`);
  for (const [name, values] of Object.entries(frame.properties ?? {})) {
    if (!isWritableKey(name) || name.includes(':') || RESERVED_COLUMNS.has(name)) {
      throw new RangeError(`xyz: cannot write a property named '${name}'`);
    }
    const count = componentsOf(values, n, name, 'xyz');
    columns.push({ name, type: values instanceof Float64Array ? 'R' : 'S', count, values });
  }
  return columns;
}

function headerLine(frame: Frame, columns: Column[]): string {
  const parts: string[] = [];
  if (frame.lattice) {
    if (frame.lattice.length !== 9) throw new RangeError('xyz: lattice must have 9 numbers');
    parts.push(`Lattice="${frame.lattice.map(formatNumber).join(' ')}"`);
  }
  const props = ['species:S:1', 'pos:R:3', ...columns.map((c) => `${c.name}:${c.type}:${c.count}`)];
  parts.push(`Properties=${props.join(':')}`);
  if (frame.energy !== undefined) parts.push(`energy=${formatNumber(frame.energy)}`);
  for (const [key, value] of Object.entries(frame.info ?? {})) {
    if (!isWritableKey(key) || isReservedXyzKey(key))
      throw new RangeError(`xyz: cannot write an info key named '${key}'`);
    parts.push(`${key}=${infoText(key, value)}`);
  }
  if (frame.pbc) parts.push(`pbc="${frame.pbc.map((p) => (p ? 'T' : 'F')).join(' ')}"`);
  if (frame.comment !== undefined && frame.comment.length > 0) {
    checkOneLine(frame.comment, 'the comment', 'xyz');
    parts.push(`comment=${quoteValue(frame.comment)}`);
  }
  return parts.join(' ');
}

function stringCell(value: string, name: string): string {
  if (value.length === 0 || /\s/.test(value))
    throw new RangeError(`xyz: value '${value}' of '${name}' is empty or has spaces`);
  return value;
}

function writeFrame(frame: Frame, index: number, out: string[]): void {
  checkElements(frame, 'xyz', index);
  const n = atomsIn(frame, 'xyz', index);
  const extended = needsExtended(frame);
  const columns = extended ? extraColumns(frame, n) : [];
  out.push(String(n));
  if (extended) out.push(headerLine(frame, columns));
  else {
    checkOneLine(frame.comment ?? '', 'the comment', 'xyz');
    out.push(frame.comment ?? '');
  }
  const p = frame.positions;
  for (let i = 0; i < n; i++) {
    let line = `${frame.elements[i]} ${formatNumber(p[3 * i])} ${formatNumber(p[3 * i + 1])} ${formatNumber(p[3 * i + 2])}`;
    for (const c of columns) {
      for (let k = 0; k < c.count; k++) {
        const v = c.values[c.count * i + k];
        line += ` ${typeof v === 'number' ? formatNumber(v) : stringCell(v, c.name)}`;
      }
    }
    out.push(line);
  }
}

export function writeXyz(frames: readonly Frame[]): string {
  const out: string[] = [];
  frames.forEach((frame, index) => {
    writeFrame(frame, index, out);
  });
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
