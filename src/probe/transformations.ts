/**
 * Transformations as plain data (they cross the worker boundary and appear in reports), their
 * resolution to a GroupElement for a given structure, and seeded random draws of each kind.
 */
import type { Structure } from '../data/generators/types';
import { axisAngleToMatrix, det, randomRotation } from '../o3/rotation';
import type { Rng } from '../util/random';
import {
  aboutPoint,
  applyToStructure,
  centroid,
  compose,
  type GroupElement,
  IDENTITY,
  inversion,
  mirror,
  permutation,
  translation,
} from './group';

/**
 * One transformation of a structure. Rotations, mirrors and inversions act about the centroid
 * of the structure they are applied to.
 */
export type TransformationSpec =
  /** A proper rotation: a row-major 3×3 `matrix`, or `axis` and `angle` (radians, right-handed). */
  | { kind: 'rotation'; matrix: number[] }
  | { kind: 'rotation'; axis: number[]; angle: number }
  /** Mirror through the plane with this normal. */
  | { kind: 'reflection'; normal: number[] }
  /** Point inversion x ↦ 2c − x. */
  | { kind: 'inversion' }
  | { kind: 'translation'; vector: number[] }
  /** Atom i of the result is atom order[i] of the input. */
  | { kind: 'permutation'; order: number[] }
  /** steps[0] acts first. */
  | { kind: 'composition'; steps: TransformationSpec[] };

/** The four families the probe always reports. */
export const PROBE_KINDS = ['rotation', 'reflection', 'translation', 'permutation'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** The group element of `spec` for `structure` (validated: orthogonality, proper rotation, permutation size). */
export function resolve(spec: TransformationSpec, structure: Structure): GroupElement {
  const c = centroid(structure.positions);
  switch (spec.kind) {
    case 'rotation': {
      const Q =
        'matrix' in spec
          ? Float64Array.from(spec.matrix ?? [])
          : axisAngleToMatrix(Float64Array.from(spec.axis ?? []), finite(spec.angle, 'rotation angle'));
      const g = aboutPoint(Q, c);
      if (det(Q) < 0) throw new RangeError('rotation: the matrix is improper (det −1); use a reflection');
      return g;
    }
    case 'reflection':
      return mirror(spec.normal ?? [], c);
    case 'inversion':
      return inversion(c);
    case 'translation':
      return translation(spec.vector ?? []);
    case 'permutation': {
      const n = structure.species.length;
      if (spec.order?.length !== n)
        throw new RangeError(`permutation: ${spec.order?.length ?? 0} indices for ${n} atoms`);
      return permutation(spec.order);
    }
    case 'composition':
      return transformStructure(spec, structure).element;
    default:
      throw new RangeError(`unknown transformation kind "${String((spec as { kind?: unknown }).kind)}"`);
  }
}

/** Applies a composition step by step: rotations of later steps act about the moved centroid. */
export function transformStructure(
  spec: TransformationSpec,
  structure: Structure,
): {
  structure: Structure;
  element: GroupElement;
} {
  if (spec.kind !== 'composition') {
    const element = resolve(spec, structure);
    return { structure: applyToStructure(element, structure), element };
  }
  let current = structure;
  let element = IDENTITY;
  for (const step of spec.steps ?? []) {
    const g = resolve(step, current);
    current = applyToStructure(g, current);
    element = compose(g, element);
  }
  return { structure: current, element };
}

/**
 * A random transformation of one family: Haar rotation; mirror through a plane with a
 * uniformly random normal; translation in a uniform direction by `scale` (e.g. the structure's
 * size) to 2·scale; a uniformly random permutation that moves at least one atom when n ≥ 2.
 */
export function randomTransformation(
  kind: ProbeKind,
  rng: Rng,
  numAtoms: number,
  scale: number,
): TransformationSpec {
  switch (kind) {
    case 'rotation':
      return { kind: 'rotation', matrix: Array.from(randomRotation(rng)) };
    case 'reflection':
      return { kind: 'reflection', normal: Array.from(rng.unitVectors(1)) };
    case 'translation': {
      const length = scale * rng.uniform(1, 2);
      return { kind: 'translation', vector: Array.from(rng.unitVectors(1), (v) => v * length) };
    }
    case 'permutation':
      return { kind: 'permutation', order: randomPermutation(rng, numAtoms) };
  }
}

/** Fisher–Yates; redrawn while it is the identity (n ≥ 2), so every trial really relabels. */
export function randomPermutation(rng: Rng, n: number): number[] {
  for (;;) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (n < 2 || order.some((v, i) => v !== i)) return order;
  }
}

/** Rotation by `angle` about `axis` through the centroid (the sweep's steps). */
export function axisRotation(axis: ArrayLike<number>, angle: number): TransformationSpec {
  return { kind: 'rotation', axis: Array.from(axis), angle };
}

function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${what} must be a finite number`);
  return v;
}
