/**
 * PDB writer: fixed-column ATOM/HETATM records (coordinates %8.3f), MODEL/ENDMDL when there is more
 * than one frame, CONECT from `bonds` (a double bond lists its partner twice), END. Per-atom PDB
 * fields come from `properties` (see pdb.ts) when present; otherwise HETATM, atom name = element,
 * residue UNL 1 in chain A, occupancy 1, B-factor 0.
 */
import { atomsIn, checkBonds, checkElements } from './frame-checks';
import { formatFixed } from './numbers';
import type { Frame } from './types';

type Bond = [number, number, number];

function strings(frame: Frame, name: string, fallback: (i: number) => string, n: number): string[] {
  const v = frame.properties?.[name];
  if (v === undefined) return Array.from({ length: n }, (_, i) => fallback(i));
  if (!Array.isArray(v) || v.length !== n)
    throw new RangeError(`pdb: properties.${name} must hold one string per atom`);
  return v;
}

function numbers(frame: Frame, name: string, fallback: number, n: number): Float64Array {
  const v = frame.properties?.[name];
  if (v === undefined) return new Float64Array(n).fill(fallback);
  if (!(v instanceof Float64Array) || v.length !== n)
    throw new RangeError(`pdb: properties.${name} must hold one number per atom`);
  return v;
}

/** A fixed-width field, refusing values that would spill into the next column. */
function fitField(text: string, width: number, what: string, right = true): string {
  if (text.length > width || text !== text.trim())
    throw new RangeError(`pdb: ${what} '${text}' does not fit ${width} columns`);
  return right ? text.padStart(width) : text.padEnd(width);
}

function fixed(x: number, width: number, digits: number, what: string): string {
  return fitField(formatFixed(x, digits), width, what);
}

/** PDB alignment: one-letter elements leave column 13 blank unless the name has four characters. */
function atomNameField(name: string, element: string): string {
  if (name.length > 4 || name !== name.trim())
    throw new RangeError(`pdb: atom name '${name}' does not fit columns 13-16`);
  return name.length < 4 && element.length === 1 ? ` ${name.padEnd(3)}` : name.padEnd(4);
}

function atomLines(frame: Frame, n: number, out: string[]): void {
  const atomName = strings(frame, 'atomName', (i) => frame.elements[i].toUpperCase(), n);
  const residueName = strings(frame, 'residueName', () => 'UNL', n);
  const chainId = strings(frame, 'chainId', () => 'A', n);
  const recordName = strings(frame, 'recordName', () => 'HETATM', n);
  const residueNumber = numbers(frame, 'residueNumber', 1, n);
  const occupancy = numbers(frame, 'occupancy', 1, n);
  const bFactor = numbers(frame, 'bFactor', 0, n);
  const p = frame.positions;
  for (let i = 0; i < n; i++) {
    const record = recordName[i];
    if (record !== 'ATOM' && record !== 'HETATM')
      throw new RangeError(`pdb: record name '${record}' is not ATOM or HETATM`);
    const resSeq = residueNumber[i];
    if (!Number.isInteger(resSeq) || resSeq < -999 || resSeq > 9999)
      throw new RangeError(`pdb: residue number ${resSeq} does not fit columns 23-26`);
    out.push(
      record.padEnd(6) +
        fitField(String(i + 1), 5, 'serial') +
        ' ' +
        atomNameField(atomName[i], frame.elements[i]) +
        ' ' +
        fitField(residueName[i], 3, 'residue name') +
        ' ' +
        fitField(chainId[i], 1, 'chain ID') +
        fitField(String(resSeq), 4, 'residue number') +
        '    ' +
        fixed(p[3 * i], 8, 3, 'x coordinate') +
        fixed(p[3 * i + 1], 8, 3, 'y coordinate') +
        fixed(p[3 * i + 2], 8, 3, 'z coordinate') +
        fixed(occupancy[i], 6, 2, 'occupancy') +
        fixed(bFactor[i], 6, 2, 'B-factor') +
        ' '.repeat(10) +
        frame.elements[i].toUpperCase().padStart(2) +
        '  ',
    );
  }
}

function conectLines(bonds: readonly Bond[], n: number, out: string[]): void {
  const partners: number[][] = Array.from({ length: n }, () => []);
  for (const [i, j, order] of bonds) {
    if (order !== 1 && order !== 2 && order !== 3)
      throw new RangeError(`pdb: bond order ${order} cannot be written in CONECT (1, 2 or 3)`);
    for (let k = 0; k < order; k++) {
      partners[i].push(j + 1);
      partners[j].push(i + 1);
    }
  }
  partners.forEach((list, i) => {
    for (let k = 0; k < list.length; k += 4) {
      out.push(
        `CONECT${String(i + 1).padStart(5)}${list
          .slice(k, k + 4)
          .map((s) => String(s).padStart(5))
          .join('')}`,
      );
    }
  });
}

function sameBonds(a: readonly Bond[], b: readonly Bond[]): boolean {
  return a.length === b.length && a.every((x, k) => x[0] === b[k][0] && x[1] === b[k][1] && x[2] === b[k][2]);
}

export function writePdb(frames: readonly Frame[]): string {
  const out: string[] = [];
  const multi = frames.length > 1;
  frames.forEach((frame, index) => {
    checkElements(frame, 'pdb', index);
    checkBonds(frame, 'pdb', index);
    const n = atomsIn(frame, 'pdb', index);
    if (n > 99999)
      throw new RangeError('pdb: more than 99999 atoms do not fit the serial column; write XYZ instead');
    if (!sameBonds(frame.bonds ?? [], frames[0].bonds ?? []))
      throw new RangeError('pdb: CONECT bonds are shared by all models, but the frames have different bonds');
    if (multi) out.push(`MODEL     ${String(index + 1).padStart(4)}`);
    atomLines(frame, n, out);
    if (multi) out.push('ENDMDL');
  });
  if (frames.length > 0) conectLines(frames[0].bonds ?? [], atomsIn(frames[0], 'pdb', 0), out);
  out.push('END');
  return `${out.join('\n')}\n`;
}
