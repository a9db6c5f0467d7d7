/**
 * Checks writers run before writing, so that a malformed in-memory frame fails loudly with a
 * RangeError instead of producing a file our own parsers would reject or misread.
 */
import { canonicalSymbol } from './elements';
import type { Frame } from './types';

export function atomsIn(frame: Frame, format: string, index: number): number {
  if (frame.positions.length % 3 !== 0) {
    throw new RangeError(
      `${format}: frame ${index} has ${frame.positions.length} coordinates, not a multiple of 3`,
    );
  }
  return frame.positions.length / 3;
}

/** Elements must be canonical symbols, one per atom (molecular formats need them). */
export function checkElements(frame: Frame, format: string, index: number): void {
  const n = atomsIn(frame, format, index);
  if (frame.elements.length !== n) {
    throw new RangeError(`${format}: frame ${index} has ${n} atoms but ${frame.elements.length} elements`);
  }
  frame.elements.forEach((e, i) => {
    if (canonicalSymbol(e) !== e)
      throw new RangeError(`${format}: atom ${i} of frame ${index} has element '${e}'`);
  });
}

/** Components per atom of a property column (its length must be a multiple of the atom count). */
export function componentsOf(
  values: Float64Array | string[],
  n: number,
  name: string,
  format: string,
): number {
  if (n === 0) return 1;
  if (values.length % n !== 0 || values.length === 0) {
    throw new RangeError(`${format}: property '${name}' has ${values.length} values for ${n} atoms`);
  }
  return values.length / n;
}

/** Bonds must join two different existing atoms. */
export function checkBonds(frame: Frame, format: string, index: number): void {
  const n = atomsIn(frame, format, index);
  for (const [i, j, order] of frame.bonds ?? []) {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n || i === j) {
      throw new RangeError(`${format}: bond ${i}-${j} of frame ${index} does not join two of its ${n} atoms`);
    }
    if (!Number.isFinite(order)) throw new RangeError(`${format}: bond ${i}-${j} has order ${order}`);
  }
}

/** Text that must fit on one line of a file. */
export function checkOneLine(text: string, what: string, format: string): void {
  if (/[\r\n]/.test(text)) throw new RangeError(`${format}: ${what} must be a single line`);
}
