import type { StructureFrameData } from '../engine/types';
import type { PerAtomChannel } from './per-atom';

/** Column names of a vector channel: "<label> x" … "<label> z". */
const AXES = ['x', 'y', 'z'] as const;

/** Values per atom of a channel (1 scalar, 3 vector, the irreps dimension for a signal). */
function width(c: PerAtomChannel, n: number): number {
  return c.kind === 'scalar'
    ? 1
    : c.kind === 'vector'
      ? 3
      : Math.max(1, Math.round(c.values.length / Math.max(1, n)));
}

function columns(channels: readonly PerAtomChannel[], n: number): string[] {
  return channels.flatMap((c) => {
    const k = width(c, n);
    if (c.kind === 'scalar') return [c.label];
    if (c.kind === 'vector') return AXES.map((a) => `${c.label} ${a}`);
    return Array.from({ length: k }, (_, j) => `${c.label} [${j}]`);
  });
}

function row(frame: StructureFrameData, channels: readonly PerAtomChannel[], i: number): (string | number)[] {
  const p = frame.positions;
  const n = p.length / 3;
  const values = channels.flatMap((c) => {
    const k = width(c, n);
    return Array.from(c.values.subarray(k * i, k * i + k));
  });
  return [i, frame.elements[i] ?? '', p[3 * i], p[3 * i + 1], p[3 * i + 2], ...values];
}

/** RFC 4180 quoting: fields with a comma, quote or newline are quoted, quotes doubled. */
function csvField(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per atom: index, element, x, y, z, then every channel (vectors as three columns). */
export function perAtomCsv(frame: StructureFrameData, channels: readonly PerAtomChannel[]): string {
  const n = frame.positions.length / 3;
  const header = ['index', 'element', 'x', 'y', 'z', ...columns(channels, n)];
  const lines = [header.map(csvField).join(',')];
  for (let i = 0; i < n; i++) lines.push(row(frame, channels, i).map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** The same data as JSON: the source, then per-atom arrays (non-finite numbers become null). */
export function perAtomJson(
  frame: StructureFrameData,
  channels: readonly PerAtomChannel[],
  meta: Record<string, unknown>,
): string {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return JSON.stringify(
    {
      ...meta,
      atoms: frame.positions.length / 3,
      elements: frame.elements,
      positions: Array.from(frame.positions, finite),
      channels: channels.map((c) => ({
        label: c.label,
        kind: c.kind,
        ...(c.irreps ? { irreps: c.irreps } : {}),
        values: Array.from(c.values, finite),
      })),
    },
    null,
    1,
  );
}
