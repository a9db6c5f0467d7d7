/** The systems the md data set can sample: pair-potential clusters and bonded small molecules. */
import type { Rng } from '../../../util/random';
import { randomCompactCluster, relaxDownhill } from './clusters';
import { buildMolecule, ELEMENTS, MOLECULE_NAMES, type MoleculeName } from './molecules';
import { LennardJonesCluster, MorseCluster } from './pair-potentials';
import { MOLECULAR_UNITS, type Potential, REDUCED_UNITS, type UnitSystem } from './potential';

export const CLUSTER_NAMES = ['lj', 'morse'] as const;
export type ClusterName = (typeof CLUSTER_NAMES)[number];
export const MD_SYSTEM_NAMES = [...CLUSTER_NAMES, ...MOLECULE_NAMES] as const;
export type MdSystemName = ClusterName | MoleculeName;

export interface MdSystem {
  name: MdSystemName;
  species: Int32Array;
  numSpecies: number;
  /** Species index → element or atom-type name. */
  speciesNames: string[];
  masses: Float64Array;
  potential: Potential;
  /** Where dynamics start: the equilibrium geometry, or a relaxed random cluster. */
  initialPositions: Float64Array;
  units: UnitSystem;
  /** Pair equilibrium distance of a cluster (null for molecules), to detect evaporated atoms. */
  neighbourDistance: number | null;
  /** Relabellings of identical atoms that leave the energy unchanged (see `Molecule`). */
  automorphisms: 'all' | number[][];
}

export interface ClusterOptions {
  /** Number of atoms (default 13). */
  clusterSize: number;
  /** Morse range ρ (default 6). */
  morseRange: number;
}

export function isCluster(name: MdSystemName): name is ClusterName {
  return (CLUSTER_NAMES as readonly string[]).includes(name);
}

/** Builds a system; `rng` draws the random starting packing of a cluster. */
export function buildMdSystem(name: MdSystemName, cluster: ClusterOptions, rng: Rng): MdSystem {
  if (isCluster(name)) {
    const n = cluster.clusterSize;
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`clusterSize must be an integer ≥ 2, got ${n}`);
    const potential = name === 'lj' ? new LennardJonesCluster(n) : new MorseCluster(n, cluster.morseRange);
    const start = randomCompactCluster(n, potential.equilibriumDistance, rng);
    relaxDownhill(potential, start, 500, 0.05 * potential.equilibriumDistance);
    return {
      name,
      species: new Int32Array(n),
      numSpecies: 1,
      speciesNames: [name === 'lj' ? 'LJ' : 'Morse'],
      masses: new Float64Array(n).fill(1),
      potential,
      initialPositions: start,
      units: REDUCED_UNITS,
      neighbourDistance: potential.equilibriumDistance,
      automorphisms: 'all',
    };
  }
  if (!(MOLECULE_NAMES as readonly string[]).includes(name)) {
    throw new RangeError(`unknown md system ${name}; expected one of ${MD_SYSTEM_NAMES.join(', ')}`);
  }
  const molecule = buildMolecule(name);
  return {
    name,
    species: molecule.species,
    numSpecies: ELEMENTS.length,
    speciesNames: [...ELEMENTS],
    masses: molecule.masses,
    potential: molecule.potential,
    initialPositions: molecule.positions,
    units: MOLECULAR_UNITS,
    neighbourDistance: null,
    automorphisms: molecule.automorphisms,
  };
}
