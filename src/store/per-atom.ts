import type { StructureFrameData } from '../engine/types';

/** A per-atom quantity the structure view can show: scalars colour atoms, vectors draw arrows. */
export interface PerAtomChannel {
  /** Unique label, shown in the picker and the legend. */
  label: string;
  /** scalar: colours atoms; vector: arrows; signal: an irreps feature per atom, drawn as SH glyphs. */
  kind: 'scalar' | 'vector' | 'signal';
  /** One value (scalar), packed xyz (vector) or one irreps row (signal) per atom. */
  values: Float64Array;
  /** e3nn irreps of a signal's row, e.g. "1x0e+1x1o". */
  irreps?: string;
}

/** Bonds per atom, from the frame's bond list (file or inferred). */
export function coordinationNumbers(frame: StructureFrameData): Float64Array {
  const n = frame.positions.length / 3;
  const counts = new Float64Array(n);
  for (let k = 0; k < frame.bonds.length; k++) counts[frame.bonds[k]]++;
  return counts;
}

/** Distance of each atom from the frame's centroid (Å). */
export function distancesFromCentroid(positions: Float64Array): Float64Array {
  const n = positions.length / 3;
  const c = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) c[k] += positions[3 * i + k] / n;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = Math.hypot(positions[3 * i] - c[0], positions[3 * i + 1] - c[1], positions[3 * i + 2] - c[2]);
  return out;
}

/**
 * Everything per-atom the frame itself offers: geometry (coordination for molecules, distance
 * from the centroid) and the file's own columns (forces, 1- and 3-component Properties).
 */
export function frameChannels(frame: StructureFrameData, molecule: boolean): PerAtomChannel[] {
  const n = frame.positions.length / 3;
  const out: PerAtomChannel[] = [];
  if (molecule && frame.bonds.length > 0)
    out.push({ label: 'Coordination number', kind: 'scalar', values: coordinationNumbers(frame) });
  out.push({
    label: 'Distance from centre (Å)',
    kind: 'scalar',
    values: distancesFromCentroid(frame.positions),
  });
  if (frame.forces?.length === 3 * n)
    out.push({ label: 'Forces (file)', kind: 'vector', values: frame.forces });
  for (const [name, values] of Object.entries(frame.properties ?? {})) {
    if (values.length === n) out.push({ label: `${name} (file)`, kind: 'scalar', values });
    else if (values.length === 3 * n) out.push({ label: `${name} (file)`, kind: 'vector', values });
  }
  return out;
}
