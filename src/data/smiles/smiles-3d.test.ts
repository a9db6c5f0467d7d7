import { beforeAll, describe, expect, it } from 'vitest';
import { ParseError } from '../formats/parse-error';
import { loadOpenChemLib, type OpenChemLib } from './openchemlib';
import { smilesTo3d } from './smiles-3d';

let ocl: OpenChemLib;
beforeAll(async () => {
  ocl = await loadOpenChemLib();
});

function bondLengths(positions: Float64Array, bonds: [number, number, number][]): number[] {
  return bonds.map(([i, j]) =>
    Math.hypot(
      positions[3 * i] - positions[3 * j],
      positions[3 * i + 1] - positions[3 * j + 1],
      positions[3 * i + 2] - positions[3 * j + 2],
    ),
  );
}

function counts(elements: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of elements) out[e] = (out[e] ?? 0) + 1;
  return out;
}

describe('SMILES → 3D', () => {
  it.each([
    ['O', { O: 1, H: 2 }, 2],
    ['CCO', { C: 2, O: 1, H: 6 }, 8],
    ['c1ccccc1', { C: 6, H: 6 }, 12],
    ['CC(=O)Oc1ccccc1C(=O)O', { C: 9, O: 4, H: 8 }, 21],
  ])('%s: atoms with hydrogens, bonds of sane length', (smiles, expected, bondCount) => {
    const { frame, relaxed } = smilesTo3d(ocl, smiles, { seed: 1 });
    expect(counts(frame.elements)).toEqual(expected);
    expect(frame.positions.length).toBe(3 * frame.elements.length);
    expect(frame.bonds).toHaveLength(bondCount);
    expect(relaxed).toBe(true);
    expect(frame.comment).toBe(smiles);
    const lengths = bondLengths(frame.positions, frame.bonds ?? []);
    for (const [k, [i, j]] of (frame.bonds ?? []).entries()) {
      const toH = frame.elements[i] === 'H' || frame.elements[j] === 'H';
      // X–H 0.95–1.12 Å; C–C, C–O, C=O, aromatic C–C 1.18–1.56 Å.
      if (toH) expect(lengths[k]).toBeGreaterThan(0.93);
      else expect(lengths[k]).toBeGreaterThan(1.15);
      expect(lengths[k]).toBeLessThan(toH ? 1.13 : 1.6);
    }
    // No two atoms on top of each other (non-bonded pairs further apart than bonded ones).
    const n = frame.elements.length;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const d = Math.hypot(
          frame.positions[3 * i] - frame.positions[3 * j],
          frame.positions[3 * i + 1] - frame.positions[3 * j + 1],
          frame.positions[3 * i + 2] - frame.positions[3 * j + 2],
        );
        expect(d).toBeGreaterThan(0.9);
      }
  });

  it('benzene is planar and its aromatic bonds are 1.5', () => {
    const { frame } = smilesTo3d(ocl, 'c1ccccc1', { seed: 3 });
    const ring = (frame.bonds ?? []).filter(
      ([i, j]) => frame.elements[i] === 'C' && frame.elements[j] === 'C',
    );
    expect(ring.map((b) => b[2])).toEqual([1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
    const lengths = bondLengths(frame.positions, ring);
    for (const l of lengths) expect(l).toBeCloseTo(1.39, 1);
  });

  it('the same seed gives the same conformer', () => {
    const a = smilesTo3d(ocl, 'CCCCO', { seed: 7 }).frame.positions;
    const b = smilesTo3d(ocl, 'CCCCO', { seed: 7 }).frame.positions;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it.each([
    ['C1CC(', 6, 'the end of the SMILES'],
    ['CXq', 2, '"X"'],
    ['', 1, 'nothing'],
    ['CCO ethanol', 4, 'a space'],
  ])('rejects %j with a ParseError at column %i', (smiles, column, found) => {
    let error: unknown;
    try {
      smilesTo3d(ocl, smiles, { seed: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    const parseError = error as ParseError;
    expect(parseError.line).toBe(1);
    expect(parseError.column).toBe(column);
    expect(parseError.found).toContain(found);
    expect(parseError.hint.length).toBeGreaterThan(10);
  });

  it('keeps a conformer that MMFF cannot type (a metal ion) unrelaxed', () => {
    const { frame, relaxed } = smilesTo3d(ocl, '[Fe+2]', { seed: 1 });
    expect(frame.elements).toEqual(['Fe']);
    expect(relaxed).toBe(false);
  });
});
