/**
 * Everything in public/samples/, built in memory: the files' bytes and the index. The generator
 * script writes them; a test checks the committed files are exactly what this builds.
 */

import { writeCsv } from '../../src/data/formats/csv';
import { writePdb } from '../../src/data/formats/pdb-write';
import { writePlyBinary } from '../../src/data/formats/ply-write';
import { writePoints } from '../../src/data/formats/points';
import { writeSdf } from '../../src/data/formats/sdf-write';
import type { FormatId, Frame, StructureKind } from '../../src/data/formats/types';
import { writeXyz } from '../../src/data/formats/xyz-write';
import { alanineDipeptide, aspirin, benzene, ethanol, silicon, water } from './molecules';
import { helix, sphere, torus } from './point-clouds';

export interface SampleEntry {
  file: string;
  name: string;
  format: FormatId;
  kind: StructureKind;
  description: string;
  /** Atoms (or points) in each frame. */
  atoms: number;
  frames: number;
}

export interface Sample {
  entry: SampleEntry;
  data: string | Uint8Array;
}

const SOURCE = 'built by scripts/generate-samples.ts from standard bond lengths and angles';

/** XYZ has no bonds; the builders keep them only for the geometry checks. */
function withoutBonds(frame: Frame): Frame {
  const { bonds: _bonds, ...rest } = frame;
  return rest;
}

function dipeptideModels(): Frame[] {
  const models: [string, number, number][] = [
    ['C7eq', -83, 73],
    ['alpha_R', -63, -42],
  ];
  return models.map(([, phi, psi]) => {
    const { frame, atoms } = alanineDipeptide(phi, psi);
    const seq = atoms.map((a) => a.seq);
    return {
      positions: Float64Array.from(frame.positions, (x) => Math.round(x * 1000) / 1000 + 0),
      elements: frame.elements,
      bonds: frame.bonds,
      properties: {
        atomName: atoms.map((a) => a.name),
        residueName: atoms.map((a) => a.residue),
        chainId: atoms.map(() => 'A'),
        recordName: atoms.map(() => 'ATOM'),
        residueNumber: Float64Array.from(seq),
        occupancy: new Float64Array(atoms.length).fill(1),
        bFactor: new Float64Array(atoms.length),
      },
    };
  });
}

function count(frame: Frame): number {
  return frame.positions.length / 3;
}

export function buildSamples(): Sample[] {
  const eth = { ...ethanol(), info: { SOURCE } };
  const benz = { ...benzene(), info: { SOURCE } };
  const dipeptide = dipeptideModels();
  const molecules: [string, string, FormatId, string, Frame[], string | Uint8Array][] = [
    [
      'water.xyz',
      'Water',
      'xyz',
      'H2O, experimental gas-phase geometry (r = 0.9572 Å, ∠HOH = 104.52°).',
      [water()],
      writeXyz([withoutBonds(water())]),
    ],
    [
      'ethanol.sdf',
      'Ethanol',
      'sdf',
      'C2H5OH, staggered, with bonds (V2000 Molfile).',
      [eth],
      writeSdf([eth]),
    ],
    ['benzene.sdf', 'Benzene', 'sdf', 'C6H6, D6h, Kekulé bonds (V2000 Molfile).', [benz], writeSdf([benz])],
    [
      'aspirin.xyz',
      'Aspirin',
      'xyz',
      'Acetylsalicylic acid, C9H8O4; the acetoxy group twisted out of the ring plane.',
      [aspirin()],
      writeXyz([withoutBonds(aspirin())]),
    ],
    [
      'alanine-dipeptide.pdb',
      'Alanine dipeptide',
      'pdb',
      'Ac-Ala-NHMe in two conformations (MODEL 1: C7eq, MODEL 2: αR), AMBER names, CONECT bonds.',
      dipeptide,
      writePdb(dipeptide),
    ],
    [
      'silicon.xyz',
      'Silicon (diamond)',
      'xyz',
      'Periodic diamond-cubic Si, 8-atom cell, a = 5.431 Å (extended XYZ with Lattice and pbc).',
      [silicon()],
      writeXyz([silicon()]),
    ],
  ];
  const clouds: [string, string, FormatId, string, Frame, string | Uint8Array][] = [
    [
      'torus.ply',
      'Torus',
      'ply',
      'Torus, 1536 points with unit normals (nx, ny, nz), binary little-endian PLY (float).',
      torus(),
      writePlyBinary(torus(), { precision: 'float' }),
    ],
    [
      'sphere.xyz',
      'Sphere',
      'points',
      'Unit sphere, 500 points on a Fibonacci lattice (plain x y z text).',
      sphere(),
      writePoints(sphere()),
    ],
    [
      'helix.csv',
      'Helix',
      'csv',
      'Right-handed helix, 200 points, 4 turns, with the curve parameter t.',
      helix(),
      writeCsv(helix()),
    ],
  ];
  return [
    ...molecules.map(([file, name, format, description, frames, data]) => ({
      entry: {
        file,
        name,
        format,
        kind: 'molecule' as const,
        description,
        atoms: count(frames[0]),
        frames: frames.length,
      },
      data,
    })),
    ...clouds.map(([file, name, format, description, frame, data]) => ({
      entry: {
        file,
        name,
        format,
        kind: 'point-cloud' as const,
        description,
        atoms: count(frame),
        frames: 1,
      },
      data,
    })),
  ];
}

/** The index.json text (stable formatting, trailing newline). */
export function sampleIndex(samples: Sample[]): string {
  return `${JSON.stringify({ samples: samples.map((s) => s.entry) }, null, 2)}\n`;
}

/** Molecule builders, exposed for the geometry checks. */
export const BUILDERS = { water, ethanol, benzene, aspirin, silicon, dipeptide: dipeptideModels };
