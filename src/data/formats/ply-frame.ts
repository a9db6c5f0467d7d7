/** The frame a PLY body fills: one column per vertex scalar property, then positions. */
import type { PlyElement, PlyHeader } from './ply-header';
import type { Frame } from './types';

/** Names of the vertex element's scalar (non-list) properties, in header order. */
export function scalarNames(vertex: PlyElement): string[] {
  return vertex.properties.filter((p) => p.countType === undefined).map((p) => p.name);
}

/**
 * Preallocated Float64Array columns. Callers must first have checked that the body really holds
 * `vertex.count` records, so that a hostile count cannot make us allocate gigabytes.
 */
export function vertexColumns(vertex: PlyElement): Map<string, Float64Array> {
  return new Map(scalarNames(vertex).map((name) => [name, new Float64Array(vertex.count)]));
}

export function toFrame(header: PlyHeader, columns: Map<string, ArrayLike<number>>, n: number): Frame {
  const positions = new Float64Array(3 * n);
  ['x', 'y', 'z'].forEach((axis, k) => {
    const c = columns.get(axis) as ArrayLike<number>;
    for (let i = 0; i < n; i++) positions[3 * i + k] = c[i];
  });
  const frame: Frame = { positions, elements: [] };
  const extra = [...columns].filter(([name]) => name !== 'x' && name !== 'y' && name !== 'z');
  if (extra.length > 0)
    frame.properties = Object.fromEntries(extra.map(([name, c]) => [name, Float64Array.from(c)]));
  if (header.comments.length > 0) frame.comment = header.comments.join('\n');
  return frame;
}
