/**
 * The in-memory shape every structure parser returns and every writer accepts.
 *
 * Coordinates are packed (x, y, z interleaved in one Float64Array) rather than one object per
 * atom: point clouds reach millions of points, and packed arrays go to the GPU without copying.
 * `frameAtoms` / `frameFromAtoms` convert to and from the friendlier `Atom[]` view.
 */

/** Format identifiers, one per parser module. Extended XYZ is a superset of XYZ and shares `xyz`. */
export type FormatId = 'xyz' | 'sdf' | 'pdb' | 'ply' | 'points' | 'csv';

export type StructureKind = 'molecule' | 'point-cloud';

/** One atom, the unpacked view of a frame entry. */
export interface Atom {
  /** Canonical element symbol, e.g. 'C', 'Cl'. */
  element: string;
  x: number;
  y: number;
  z: number;
}

/** Values of the free `key=value` pairs of an extended XYZ comment line, or SDF data items. */
export type InfoValue = string | number | boolean | number[];

/** One structure: a molecule, one MD/optimisation step, one PDB model, or one point cloud. */
export interface Frame {
  /** x, y, z of atom (or point) i at 3i, 3i + 1, 3i + 2; length 3n. */
  positions: Float64Array;
  /** n canonical element symbols for molecules; empty for point clouds. */
  elements: string[];
  /** Row-major 3×3 cell: rows are the lattice vectors a, b, c (extended XYZ `Lattice=`). */
  lattice?: number[];
  /** Periodicity along a, b, c (extended XYZ `pbc=`). */
  pbc?: [boolean, boolean, boolean];
  energy?: number;
  /** Per-atom forces, packed like `positions`. */
  forces?: Float64Array;
  /**
   * Per-atom (per-point) extra columns. A column with k components per atom has length k·n,
   * atom-major (atom i's components at k·i … k·i + k − 1); k is `length / n`.
   */
  properties?: Record<string, Float64Array | string[]>;
  /** Bonds as [i, j, order] with 0-based atom indices; aromatic bonds have order 1.5. */
  bonds?: [number, number, number][];
  /** Free-form per-frame metadata (extended XYZ key=value pairs, SDF data items). */
  info?: Record<string, InfoValue>;
  /** Title or comment line. */
  comment?: string;
}

export interface StructureFile {
  format: FormatId;
  kind: StructureKind;
  frames: Frame[];
}

/** Caps applied before allocating, so that a hostile header cannot exhaust memory. */
export interface ParseLimits {
  /** Largest input accepted, in bytes (UTF-16 code units for string input). */
  maxBytes: number;
  /** Most atoms or points in one frame. */
  maxAtoms: number;
  /** Most frames (XYZ frames, SDF records, PDB models) in one file. */
  maxFrames: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxAtoms: 2_000_000,
  maxFrames: 100_000,
});

/** Fill in defaults for any limit the caller left out. */
export function resolveLimits(limits?: Partial<ParseLimits>): ParseLimits {
  return { ...DEFAULT_PARSE_LIMITS, ...limits };
}

export function atomCount(frame: Frame): number {
  return frame.positions.length / 3;
}

/** The unpacked `Atom[]` view of a molecular frame (element '' for point clouds). */
export function frameAtoms(frame: Frame): Atom[] {
  const n = atomCount(frame);
  const atoms: Atom[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = frame.positions;
    atoms[i] = { element: frame.elements[i] ?? '', x: p[3 * i], y: p[3 * i + 1], z: p[3 * i + 2] };
  }
  return atoms;
}

/** Build a frame from `Atom[]`; `rest` supplies the optional fields. */
export function frameFromAtoms(
  atoms: readonly Atom[],
  rest: Omit<Frame, 'positions' | 'elements'> = {},
): Frame {
  const positions = new Float64Array(3 * atoms.length);
  atoms.forEach((a, i) => {
    positions[3 * i] = a.x;
    positions[3 * i + 1] = a.y;
    positions[3 * i + 2] = a.z;
  });
  return { ...rest, positions, elements: atoms.map((a) => a.element) };
}
