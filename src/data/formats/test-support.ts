/** Helpers shared by the format tests (not shipped code paths). */
import { expect } from 'vitest';
import { ParseError } from './parse-error';
import type { Frame, StructureFile } from './types';

/** Run `fn`, demand a ParseError at (line, column) whose message matches every pattern. */
export function expectParseError(
  fn: () => unknown,
  line: number,
  column: number,
  ...patterns: RegExp[]
): ParseError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a ParseError').toBeInstanceOf(ParseError);
  const error = caught as ParseError;
  expect({ line: error.line, column: error.column, message: error.message }).toMatchObject({ line, column });
  expect(error.message).toMatch(new RegExp(`^line ${line}, column ${column}`));
  for (const p of patterns) expect(error.message).toMatch(p);
  expect(error.hint.length).toBeGreaterThan(10);
  return error;
}

/** Whatever a parser returned is internally consistent: no NaN slipped through, indices in range. */
export function checkStructure(file: StructureFile): void {
  const problems = file.frames.flatMap((frame, f) =>
    frameProblems(frame, file.kind).map((p) => `frame ${f}: ${p}`),
  );
  expect(problems).toEqual([]);
}

const allFinite = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, Number.isFinite);

/** Plain checks (one expect per file keeps fuzzing and 100k-frame files fast). */
function frameProblems(frame: Frame, kind: StructureFile['kind']): string[] {
  const problems: string[] = [];
  const n = frame.positions.length / 3;
  if (!Number.isInteger(n)) problems.push('positions not a multiple of 3');
  if (!allFinite(frame.positions)) problems.push('non-finite position');
  if (frame.elements.length !== (kind === 'molecule' ? n : 0)) problems.push('element count');
  if (frame.forces && (frame.forces.length !== 3 * n || !allFinite(frame.forces))) problems.push('forces');
  for (const [i, j, order] of frame.bonds ?? []) {
    if (!(i >= 0 && i < n && j >= 0 && j < n && i !== j) || ![1, 1.5, 2, 3].includes(order))
      problems.push(`bond ${i}-${j}`);
  }
  for (const [name, values] of Object.entries(frame.properties ?? {})) {
    if ((n > 0 && values.length % n !== 0) || (values instanceof Float64Array && !allFinite(values)))
      problems.push(`property ${name}`);
  }
  if (frame.lattice && (frame.lattice.length !== 9 || !allFinite(frame.lattice))) problems.push('lattice');
  if (frame.energy !== undefined && !Number.isFinite(frame.energy)) problems.push('energy');
  return problems;
}

/** Parse outcome for fuzzing: the file, or the ParseError; anything else is rethrown (a bug). */
export function parseOrParseError(parse: () => StructureFile): StructureFile | ParseError {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
