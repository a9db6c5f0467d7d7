/**
 * SMILES → one 3D conformer: openchemlib parses the string, fills free valences with explicit
 * hydrogens and builds a collision-free conformer from COD torsion statistics; MMFF94s+ then
 * relaxes it (the COD bond lengths to hydrogen are X-ray lengths, ~0.1 Å short). Elements MMFF
 * cannot type (metals, noble gases) keep the unrelaxed conformer.
 */
import { canonicalSymbol } from '../formats/elements';
import { ParseError } from '../formats/parse-error';
import type { Frame } from '../formats/types';
import type { OpenChemLib } from './openchemlib';

/** SMILES longer than this are refused before parsing (a drug-like molecule is < 200 characters). */
export const MAX_SMILES_LENGTH = 2_000;
/** Atoms, hydrogens included: conformer generation is interactive only for small molecules. */
export const MAX_SMILES_ATOMS = 500;

export interface Smiles3dOptions {
  /** Seed of the conformer generator's torsion choices: the same seed gives the same conformer. */
  seed: number;
  /** Relax with MMFF94s+ (default true). */
  relax?: boolean;
}

export interface Smiles3dResult {
  /** Atoms (hydrogens last), positions in Å, bonds with orders (aromatic 1.5), the SMILES as comment. */
  frame: Frame;
  /** Whether MMFF94s+ relaxed the conformer (false when it could not type an atom). */
  relaxed: boolean;
}

function smilesError(column: number, expected: string, found: string, hint: string): ParseError {
  return new ParseError({ line: 1, column, expected, found, hint });
}

/** openchemlib's messages read "Class$S19: SmilesParser: dangling ring closure: 1; position:5". */
function describeParserFailure(smiles: string, error: unknown): ParseError {
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw.replace(/^[\w$]+:\s*/, '').replace(/^SmilesParser:\s*/, '');
  const position = /position:?\s*(\d+)/i.exec(text);
  const reason = text.replace(/[;.]?\s*position:?\s*\d+\.?/i, '').trim() || 'not valid SMILES';
  const at = position ? Math.min(Number(position[1]), smiles.length) : null;
  const found =
    at === null ? `"${smiles}"` : at >= smiles.length ? 'the end of the SMILES' : `"${smiles[at]}"`;
  return smilesError(
    at === null ? 1 : at + 1,
    'a valid SMILES string',
    `${found} (${reason})`,
    'Check brackets, ring-closure digits and element symbols, e.g. "CCO" for ethanol or "c1ccccc1" for benzene.',
  );
}

/** Parses `smiles` and returns one 3D conformer with explicit hydrogens, or throws a ParseError. */
export function smilesTo3d(ocl: OpenChemLib, input: string, options: Smiles3dOptions): Smiles3dResult {
  const smiles = input.trim();
  if (smiles.length === 0)
    throw smilesError(1, 'a SMILES string', 'nothing', 'Type a SMILES string, e.g. "CCO" for ethanol.');
  if (smiles.length > MAX_SMILES_LENGTH)
    throw smilesError(
      MAX_SMILES_LENGTH + 1,
      `at most ${MAX_SMILES_LENGTH} characters`,
      `${smiles.length} characters`,
      'Load large molecules from an SDF or PDB file instead.',
    );
  const space = /\s/.exec(smiles);
  if (space)
    throw smilesError(
      space.index + 1,
      'one SMILES string without spaces',
      'a space',
      'Remove the text after the SMILES (names or comments are not part of SMILES).',
    );

  let molecule: InstanceType<OpenChemLib['Molecule']>;
  try {
    molecule = ocl.Molecule.fromSmiles(smiles);
  } catch (error) {
    throw describeParserFailure(smiles, error);
  }
  if (molecule.getAllAtoms() === 0)
    throw smilesError(
      1,
      'at least one atom',
      `"${smiles}"`,
      'Type a SMILES string with atoms, e.g. "O" for water.',
    );
  molecule.addImplicitHydrogens();
  if (molecule.getAllAtoms() > MAX_SMILES_ATOMS)
    throw smilesError(
      1,
      `at most ${MAX_SMILES_ATOMS} atoms including hydrogens`,
      `${molecule.getAllAtoms()} atoms`,
      'Load large molecules from an SDF or PDB file instead.',
    );

  const conformer = new ocl.ConformerGenerator(options.seed).getOneConformerAsMolecule(molecule);
  if (!conformer)
    throw smilesError(
      1,
      'a molecule with a valid 3D conformer',
      `"${smiles}" (no collision-free conformer)`,
      'Check charges and valences; strained or hypervalent structures may have no conformer.',
    );

  let relaxed = false;
  if (options.relax !== false) {
    try {
      relaxed = new ocl.ForceFieldMMFF94(conformer, 'MMFF94s+').minimise() === 0;
    } catch {
      relaxed = false; // MMFF94 has no atom type for this element; the COD conformer is kept.
    }
  }

  const n = conformer.getAllAtoms();
  const positions = new Float64Array(3 * n);
  const elements: string[] = [];
  for (let i = 0; i < n; i++) {
    positions.set([conformer.getAtomX(i), conformer.getAtomY(i), conformer.getAtomZ(i)], 3 * i);
    const label = conformer.getAtomLabel(i);
    const symbol = canonicalSymbol(label);
    if (!symbol)
      throw smilesError(
        1,
        'atoms of known elements',
        `"${label}"`,
        'Use element symbols of the periodic table.',
      );
    elements.push(symbol);
  }
  const bonds: [number, number, number][] = [];
  for (let b = 0; b < conformer.getAllBonds(); b++) {
    const order = conformer.isAromaticBond(b) ? 1.5 : conformer.getBondOrder(b);
    bonds.push([conformer.getBondAtom(0, b), conformer.getBondAtom(1, b), order]);
  }
  return {
    frame: { positions, elements, bonds, comment: smiles },
    relaxed,
  };
}
