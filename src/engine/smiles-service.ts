import { loadOpenChemLib } from '../data/smiles/openchemlib';
import { smilesTo3d } from '../data/smiles/smiles-3d';
import { hillFormula, loadError, type StructureParseResult } from './structure-service';

/**
 * A SMILES string as a viewer structure: one conformer with explicit hydrogens and the bonds from
 * the SMILES graph. An answer, never a throw, like parseStructureOf; the structure's name is the
 * SMILES itself so that a link or a label can say where it came from.
 */
export async function structureFromSmilesOf(smiles: string, seed: number): Promise<StructureParseResult> {
  try {
    const ocl = await loadOpenChemLib();
    const started = performance.now();
    const { frame, relaxed } = smilesTo3d(ocl, smiles, { seed });
    const bonds = new Uint32Array(2 * (frame.bonds?.length ?? 0));
    frame.bonds?.forEach(([i, j], k) => {
      bonds.set([i, j], 2 * k);
    });
    const name = smiles.trim();
    return {
      ok: true,
      structure: {
        name,
        format: 'smiles',
        kind: 'molecule',
        formula: hillFormula(frame.elements),
        parseMs: performance.now() - started,
        frames: [
          {
            positions: frame.positions,
            elements: frame.elements,
            bonds,
            bondsInferred: false,
            comment: relaxed
              ? `3D conformer of ${name} (openchemlib, relaxed with MMFF94s+)`
              : `3D conformer of ${name} (openchemlib; MMFF94 could not type every atom, not relaxed)`,
          },
        ],
      },
    };
  } catch (error) {
    return { ok: false, error: loadError(error) };
  }
}
