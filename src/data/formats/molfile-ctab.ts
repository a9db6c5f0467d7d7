/** What a Molfile connection table (V2000 or V3000) yields, and bond-type mapping shared by both. */
import type { Frame } from './types';

export interface ConnectionTable {
  positions: number[];
  elements: string[];
  /** Formal charges, one per atom. */
  charges: number[];
  /** 0-based [i, j, order]. */
  bonds: [number, number, number][];
}

/** Molfile bond types 1–3 are bond orders and 4 is aromatic; 5–8 are query types for searches. */
export function bondOrderFromType(type: number): number | undefined {
  if (type >= 1 && type <= 3) return type;
  if (type === 4) return 1.5;
  return undefined;
}

export function bondTypeFromOrder(order: number): number {
  if (order === 1 || order === 2 || order === 3) return order;
  if (order === 1.5) return 4;
  throw new RangeError(`sdf: bond order ${order} has no Molfile bond type (1, 2, 3 or 1.5 for aromatic)`);
}

export const BOND_TYPE_HINT =
  'Use bond types 1 (single), 2 (double), 3 (triple) or 4 (aromatic); query bond types belong in search queries, not structures.';

export function frameFromTable(table: ConnectionTable): Frame {
  const frame: Frame = { positions: Float64Array.from(table.positions), elements: table.elements };
  if (table.bonds.length > 0) frame.bonds = table.bonds;
  if (table.charges.some((c) => c !== 0)) frame.properties = { charge: Float64Array.from(table.charges) };
  return frame;
}
