/**
 * The common shape of every generated data set. Only plain numbers and typed arrays, so a data
 * set can be posted from a Web Worker (structured clone) without any conversion.
 */

/** One point cloud: n atoms / particles / vertices. */
export interface Structure {
  /** Row-major n × 3 coordinates. */
  positions: Float64Array;
  /** Small non-negative integers (element index, particle kind), length n. */
  species: Int32Array;
  /** Per-particle charges where the data set has them (n-body), length n. */
  charges?: Float64Array;
}

export interface Sample {
  structure: Structure;
  /** Class index, for classification data sets. */
  label?: number;
  /** Total energy, for force-field data sets. */
  energy?: number;
  /** −∇E, row-major n × 3. */
  forces?: Float64Array;
  /** A per-particle vector target, e.g. future positions (n × 3). */
  target?: Float64Array;
  /** Input velocities (n × 3), where the task provides them. */
  velocities?: Float64Array;
}

export type TaskKind = 'classification' | 'regression' | 'forces';

export interface Dataset {
  name: string;
  task: TaskKind;
  train: Sample[];
  validation: Sample[];
  test: Sample[];
  numClasses?: number;
  numSpecies: number;
  /** The resolved config, units and anything a consumer needs to interpret the numbers. */
  meta: Record<string, unknown>;
}

/** Numbers of samples per split. */
export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
