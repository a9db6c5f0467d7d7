/**
 * The bundled samples (public/samples): committed files equal what scripts/generate-samples.ts
 * builds, every file parses, and every geometry is chemically sensible.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILDERS, buildSamples, sampleIndex } from '../../../scripts/samples/build-samples';
import { angle, cross, dihedral, distance, dot, sub, type Vec3 } from '../../../scripts/samples/geometry';
import { parseStructureFile } from './detect';
import { covalentRadius } from './elements';
import type { Frame } from './types';

const DIR = new URL('../../../public/samples/', import.meta.url);
const samples = buildSamples();

const at = (f: Frame, i: number): Vec3 => [
  f.positions[3 * i],
  f.positions[3 * i + 1],
  f.positions[3 * i + 2],
];

/**
 * Bonds read off the geometry agree with the declared bonds: bonded pairs lie within
 * 0.8–1.15 × the sum of Cordero radii, all other pairs farther than 1.15 × (no clashes).
 */
function checkGeometry(frame: Frame): void {
  const n = frame.positions.length / 3;
  const bonded = new Set((frame.bonds ?? []).map(([i, j]) => `${i},${j}`));
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = distance(at(frame, i), at(frame, j));
      const ratio = d / ((covalentRadius(frame.elements[i]) ?? 0) + (covalentRadius(frame.elements[j]) ?? 0));
      const isBond = bonded.has(`${i},${j}`);
      if (isBond && (ratio < 0.8 || ratio > 1.15)) problems.push(`bond ${i}-${j}: ${d.toFixed(3)} Å`);
      if (!isBond && ratio <= 1.15) problems.push(`clash ${i}-${j}: ${d.toFixed(3)} Å`);
    }
  }
  expect(problems).toEqual([]);
}

describe('bundled samples', () => {
  it('committed files and index.json are exactly what the generator builds', () => {
    for (const { entry, data } of samples) {
      const committed = readFileSync(new URL(entry.file, DIR));
      const built = Buffer.from(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      expect(
        committed.equals(built),
        `${entry.file} differs: run npx vite-node scripts/generate-samples.ts`,
      ).toBe(true);
    }
    expect(readFileSync(new URL('index.json', DIR), 'utf8')).toBe(sampleIndex(samples));
  });

  it.each(samples.map((s) => [s.entry.file, s] as const))(
    '%s parses as its index entry says',
    (_, { entry }) => {
      const file = parseStructureFile(entry.file, new Uint8Array(readFileSync(new URL(entry.file, DIR))));
      expect(file.format).toBe(entry.format);
      expect(file.kind).toBe(entry.kind);
      expect(file.frames).toHaveLength(entry.frames);
      for (const frame of file.frames) expect(frame.positions.length / 3).toBe(entry.atoms);
    },
  );

  it('molecules have sensible bond lengths and no clashes', () => {
    for (const frame of [
      BUILDERS.water(),
      BUILDERS.ethanol(),
      BUILDERS.benzene(),
      BUILDERS.aspirin(),
      ...BUILDERS.dipeptide(),
    ]) {
      checkGeometry(frame);
    }
  });

  it('water has the experimental geometry; benzene is regular', () => {
    const w = BUILDERS.water();
    expect(distance(at(w, 0), at(w, 1))).toBeCloseTo(0.9572, 4);
    expect(angle(at(w, 1), at(w, 0), at(w, 2))).toBeCloseTo(104.52, 2);
    const b = BUILDERS.benzene();
    for (const [i, j] of b.bonds ?? [])
      expect(distance(at(b, i), at(b, j))).toBeCloseTo(b.elements[j] === 'H' ? 1.09 : 1.39, 5);
  });

  it('the alanine dipeptide models are L-alanine at the requested backbone dihedrals', () => {
    const file = parseStructureFile(
      'alanine-dipeptide.pdb',
      readFileSync(new URL('alanine-dipeptide.pdb', DIR), 'utf8'),
    );
    const names = file.frames[0].properties?.atomName as string[];
    const residues = file.frames[0].properties?.residueNumber as Float64Array;
    const idx = (name: string, residue: number) =>
      names.findIndex((n, i) => n === name && residues[i] === residue);
    const [cAce, n, ca, c, nNme, cb] = [
      idx('C', 1),
      idx('N', 2),
      idx('CA', 2),
      idx('C', 2),
      idx('N', 3),
      idx('CB', 2),
    ];
    const expected = [
      [-83, 73],
      [-63, -42],
    ];
    file.frames.forEach((f, m) => {
      expect(dihedral(at(f, cAce), at(f, n), at(f, ca), at(f, c))).toBeCloseTo(expected[m][0], 0);
      expect(dihedral(at(f, n), at(f, ca), at(f, c), at(f, nNme))).toBeCloseTo(expected[m][1], 0);
      // S configuration at CA (L-alanine): (N − CA) × (C − CA) · (CB − CA) > 0.
      const o = at(f, ca);
      expect(dot(cross(sub(at(f, n), o), sub(at(f, c), o)), sub(at(f, cb), o))).toBeGreaterThan(0);
      expect(f.bonds?.length).toBe(21);
    });
  });

  it('silicon: every atom has four neighbours at a√3/4 under periodic boundaries', () => {
    const si = BUILDERS.silicon();
    const a = 5.431;
    for (let i = 0; i < 8; i++) {
      const ds: number[] = [];
      for (let j = 0; j < 8; j++) {
        const d = sub(at(si, j), at(si, i)).map((x) => x - a * Math.round(x / a)) as Vec3;
        if (i !== j) ds.push(Math.hypot(...d));
      }
      ds.sort((x, y) => x - y);
      for (const d of ds.slice(0, 4)) expect(d).toBeCloseTo((a * Math.sqrt(3)) / 4, 4);
      expect(ds[4]).toBeGreaterThan(3.5);
    }
  });

  it('point clouds lie on their surfaces', () => {
    const read = (file: string) =>
      parseStructureFile(file, new Uint8Array(readFileSync(new URL(file, DIR)))).frames[0];
    const sphere = read('sphere.xyz');
    for (let i = 0; i < sphere.positions.length / 3; i++)
      expect(Math.hypot(...at(sphere, i))).toBeCloseTo(1, 5);
    const torus = read('torus.ply');
    const [nx, ny, nz] = ['nx', 'ny', 'nz'].map((k) => torus.properties?.[k] as Float64Array);
    for (let i = 0; i < torus.positions.length / 3; i++) {
      const [x, y, z] = at(torus, i);
      expect((Math.hypot(x, y) - 1) ** 2 + z ** 2).toBeCloseTo(0.35 ** 2, 5);
      expect(Math.hypot(nx[i], ny[i], nz[i])).toBeCloseTo(1, 6);
    }
    const helix = read('helix.csv');
    for (let i = 0; i < helix.positions.length / 3; i++)
      expect(Math.hypot(helix.positions[3 * i], helix.positions[3 * i + 1])).toBeCloseTo(1, 5);
  });
});
