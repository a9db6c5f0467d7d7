import type { CustomResult, TransformationSpec } from '../engine/types';
import { axisAngleMatrix, multiply3 } from './rotation';

const I3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/**
 * The linear part L (row-major 3×3) and atom order of a transformation: g·x = L x + t, with atom
 * i of the result being atom order[i] of the input (null: order kept). Compositions: steps[0] first.
 */
export function linearPart(spec: TransformationSpec, n: number): { L: number[]; order: number[] | null } {
  switch (spec.kind) {
    case 'rotation':
      return {
        L:
          'matrix' in spec
            ? [...spec.matrix]
            : (axisAngleMatrix(spec.axis as [number, number, number], spec.angle) ?? I3),
        order: null,
      };
    case 'reflection': {
      const [a, b, c] = spec.normal;
      const s = a * a + b * b + c * c || 1;
      const m = [a, b, c];
      return { L: I3.map((v, k) => v - (2 * m[Math.floor(k / 3)] * m[k % 3]) / s), order: null };
    }
    case 'inversion':
      return { L: I3.map((v) => -v), order: null };
    case 'translation':
      return { L: [...I3], order: null };
    case 'permutation':
      return { L: [...I3], order: [...spec.order] };
    case 'composition': {
      let L = [...I3];
      let order: number[] | null = null;
      for (const step of spec.steps) {
        const next = linearPart(step, n);
        L = multiply3(next.L, L);
        if (next.order) order = order ? next.order.map((j) => (order as number[])[j]) : next.order;
      }
      return { L, order };
    }
  }
}

/** Lᵀ applied to each row, rows put back into the input's atom order. */
function toStructureFrame(rows: readonly number[], L: number[], order: number[] | null): Float64Array {
  const n = rows.length / 3;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < n; i++) {
    const [x, y, z] = [rows[3 * i], rows[3 * i + 1], rows[3 * i + 2]];
    const j = order ? order[i] : i;
    out[3 * j] = L[0] * x + L[3] * y + L[6] * z;
    out[3 * j + 1] = L[1] * x + L[4] * y + L[7] * z;
    out[3 * j + 2] = L[2] * x + L[5] * y + L[8] * z;
  }
  return out;
}

/**
 * f(g·x) and ρ(g)f(x) of a per-atom vector output (e.g. forces), brought back into the frame and
 * atom order of x, so both sets can be drawn on the structure the user sees. Both are mapped by the
 * same Lᵀ, so their difference keeps its size: they coincide exactly when the model is equivariant.
 */
export function sideBySideVectors(
  result: CustomResult,
  n: number,
): { name: string; actual: Float64Array; expected: Float64Array } | null {
  const values = result.values.find(
    (v) => v.perAtom && v.actual.length === 3 * n && /^1x?1[eo]$|^1[eo]$/.test(v.irreps),
  );
  if (!values) return null;
  const { L, order } = linearPart(result.transformation, n);
  return {
    name: values.name,
    actual: toStructureFrame(values.actual, L, order),
    expected: toStructureFrame(values.expected, L, order),
  };
}
