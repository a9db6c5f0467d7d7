import { describe, expect, it } from 'vitest';
import { structureFromSmilesOf } from './smiles-service';

describe('structureFromSmilesOf', () => {
  it('answers a viewer structure with hydrogens, bonds and formula', async () => {
    const result = await structureFromSmilesOf('CCO', 1);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.structure).toMatchObject({
      name: 'CCO',
      format: 'smiles',
      kind: 'molecule',
      formula: 'C2H6O',
    });
    const frame = result.structure.frames[0];
    expect(frame.positions.length).toBe(27);
    expect(frame.bonds.length).toBe(16);
    expect(frame.bondsInferred).toBe(false);
  });

  it('answers a bad SMILES with its column instead of throwing', async () => {
    const result = await structureFromSmilesOf('C1CC(', 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line: 1, column: 6 });
    expect(result.error.hint).toBeTruthy();
  });
});
