/**
 * SD file writer: one Molfile record per frame, `$$$$` after each. V2000 (fixed columns, 4
 * decimals) when the molecule fits its limits, else V3000 (full precision); `version` forces one.
 * Formal charges come from `properties.charge`; `info` entries become data items.
 */
import { atomsIn, checkBonds, checkElements, checkOneLine } from './frame-checks';
import { bondTypeFromOrder } from './molfile-ctab';
import { formatFixed, formatNumber } from './numbers';
import type { Frame, InfoValue } from './types';

export interface SdfWriteOptions {
  /** Force a connection-table version; by default V2000 where it fits, V3000 otherwise. */
  version?: 'V2000' | 'V3000';
}

const PROGRAM_LINE = '  Gauntlet';
/** %10.4f holds -9999.9999 … 99999.9999. */
const V2000_MIN = -9999.99995;
const V2000_MAX = 99999.99995;

function charges(frame: Frame, n: number): number[] {
  const c = frame.properties?.charge;
  if (c === undefined) return new Array(n).fill(0);
  if (!(c instanceof Float64Array) || c.length !== n)
    throw new RangeError('sdf: properties.charge must hold one number per atom');
  return Array.from(c, (q, i) => {
    if (!Number.isInteger(q) || q < -15 || q > 15)
      throw new RangeError(`sdf: atom ${i} has formal charge ${q}`);
    return q;
  });
}

function fitsV2000(frame: Frame, n: number): boolean {
  return (
    n <= 999 &&
    (frame.bonds?.length ?? 0) <= 999 &&
    frame.positions.every((x) => x > V2000_MIN && x < V2000_MAX)
  );
}

function pad(value: number | string, width: number): string {
  return String(value).padStart(width);
}

function v2000Table(frame: Frame, n: number, q: number[], out: string[]): void {
  const bonds = frame.bonds ?? [];
  out.push(`${pad(n, 3)}${pad(bonds.length, 3)}  0  0  0  0  0  0  0  0999 V2000`);
  const p = frame.positions;
  for (let i = 0; i < n; i++) {
    const xyz = [0, 1, 2].map((k) => pad(formatFixed(p[3 * i + k], 4), 10)).join('');
    out.push(`${xyz} ${frame.elements[i].padEnd(3)} 0  0  0  0  0  0  0  0  0  0  0  0`);
  }
  for (const [i, j, order] of bonds)
    out.push(`${pad(i + 1, 3)}${pad(j + 1, 3)}${pad(bondTypeFromOrder(order), 3)}  0`);
  const charged = q.flatMap((c, i) => (c === 0 ? [] : [[i + 1, c]]));
  for (let k = 0; k < charged.length; k += 8) {
    const group = charged.slice(k, k + 8);
    out.push(`M  CHG${pad(group.length, 3)}${group.map(([a, c]) => ` ${pad(a, 3)} ${pad(c, 3)}`).join('')}`);
  }
}

/** Emit one V3000 logical line, continued with '-' so that no physical line passes 80 characters. */
function v30(out: string[], content: string): void {
  let rest = content;
  while (rest.length > 72) {
    const cut = rest.lastIndexOf(' ', 71);
    if (cut <= 0) break;
    out.push(`M  V30 ${rest.slice(0, cut + 1)}-`);
    rest = rest.slice(cut + 1);
  }
  out.push(`M  V30 ${rest}`);
}

function v3000Table(frame: Frame, n: number, q: number[], out: string[]): void {
  const bonds = frame.bonds ?? [];
  out.push('  0  0  0     0  0            999 V3000');
  v30(out, 'BEGIN CTAB');
  v30(out, `COUNTS ${n} ${bonds.length} 0 0 0`);
  v30(out, 'BEGIN ATOM');
  const p = frame.positions;
  for (let i = 0; i < n; i++) {
    const xyz = [0, 1, 2].map((k) => formatNumber(p[3 * i + k])).join(' ');
    v30(out, `${i + 1} ${frame.elements[i]} ${xyz} 0${q[i] === 0 ? '' : ` CHG=${q[i]}`}`);
  }
  v30(out, 'END ATOM');
  if (bonds.length > 0) {
    v30(out, 'BEGIN BOND');
    bonds.forEach(([i, j, order], b) => {
      v30(out, `${b + 1} ${bondTypeFromOrder(order)} ${i + 1} ${j + 1}`);
    });
    v30(out, 'END BOND');
  }
  v30(out, 'END CTAB');
}

/** A data item's value: lines up to a blank line, so no empty line and no '$$$$' inside. */
function dataValue(name: string, value: InfoValue): string {
  const text = Array.isArray(value)
    ? value.map(formatNumber).join(' ')
    : typeof value === 'number'
      ? formatNumber(value)
      : String(value);
  if (text === '') return text;
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.includes('\r') || line.trimEnd() === '$$$$') {
      throw new RangeError(`sdf: data item '${name}' has an empty line or '$$$$' inside`);
    }
  }
  return text;
}

function writeRecord(frame: Frame, index: number, options: SdfWriteOptions, out: string[]): void {
  checkElements(frame, 'sdf', index);
  checkBonds(frame, 'sdf', index);
  const n = atomsIn(frame, 'sdf', index);
  const comment = frame.comment ?? '';
  checkOneLine(comment, 'the title', 'sdf');
  if (comment.trimEnd() === '$$$$') throw new RangeError("sdf: a title cannot be '$$$$'");
  out.push(comment, PROGRAM_LINE, '');
  const q = charges(frame, n);
  const version = options.version ?? (fitsV2000(frame, n) ? 'V2000' : 'V3000');
  if (version === 'V2000') {
    if (!fitsV2000(frame, n))
      throw new RangeError(
        `sdf: frame ${index} does not fit V2000 (≤ 999 atoms and bonds, |x| < 10⁴); write V3000`,
      );
    v2000Table(frame, n, q, out);
  } else v3000Table(frame, n, q, out);
  out.push('M  END');
  for (const [name, value] of Object.entries(frame.info ?? {})) {
    if (/[<>\r\n]/.test(name)) throw new RangeError(`sdf: cannot write a data item named '${name}'`);
    const text = dataValue(name, value);
    out.push(`> <${name}>`);
    if (text !== '') out.push(text);
    out.push('');
  }
  out.push('$$$$');
}

export function writeSdf(frames: readonly Frame[], options: SdfWriteOptions = {}): string {
  const out: string[] = [];
  frames.forEach((frame, index) => {
    writeRecord(frame, index, options, out);
  });
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
