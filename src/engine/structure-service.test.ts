import { describe, expect, it } from 'vitest';
import { hillFormula, parseStructureOf } from './structure-service';

describe('parseStructureOf', () => {
  it('reads a molecule and infers its bonds', () => {
    const xyz = '3\nwater\nO 0 0 0\nH 0.96 0 0\nH -0.24 0.93 0\n';
    const result = parseStructureOf('water.xyz', xyz);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.structure).toMatchObject({ format: 'xyz', kind: 'molecule', formula: 'H2O' });
    expect(result.structure.frames[0].bonds.length).toBe(4);
    expect(result.structure.frames[0].bondsInferred).toBe(true);
  });

  it('answers a broken file with line, column and a hint', () => {
    const result = parseStructureOf('broken.xyz', '5\nshort\nC 0 0 0\nH 1 0 0\nH 0 1 0\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBeGreaterThan(0);
    expect(result.error.column).toBeGreaterThan(0);
    expect(result.error.hint).toBeTruthy();
  });

  it('orders formulas the Hill way', () => {
    expect(hillFormula(['H', 'C', 'H', 'O', 'C'])).toBe('C2H2O');
    expect(hillFormula(['O', 'H', 'Na'])).toBe('HNaO');
  });
});

describe('parseStructureOf with per-atom columns', () => {
  it('keeps forces and numeric Properties columns of extended XYZ', () => {
    const xyz =
      '2\nProperties=species:S:1:pos:R:3:charge:R:1:forces:R:3\n' +
      'O 0 0 0 -0.8 0.1 0 0\nH 0.96 0 0 0.4 -0.1 0 0\n';
    const result = parseStructureOf('f.xyz', xyz);
    if (!result.ok) throw new Error(result.error.message);
    const frame = result.structure.frames[0];
    expect(Array.from(frame.forces ?? [])).toEqual([0.1, 0, 0, -0.1, 0, 0]);
    expect(Array.from(frame.properties?.charge ?? [])).toEqual([-0.8, 0.4]);
  });
});
