/**
 * CONECT records: `CONECT` serial (columns 7-11) and up to four bonded serials (12-16, 17-21,
 * 22-26, 27-31). A partner listed twice means a double bond (three times: triple), the convention
 * of RCSB's chemical component files; listing a bond from both ends does not double it.
 *
 * Serials are resolved per model. Models with the same serial → index map (the usual case: an
 * NMR ensemble or a trajectory) share one bond list, so a long trajectory with many CONECT
 * records stays linear; the rare models that differ are resolved again, within a work budget.
 */
import { fixedField, readInteger } from './fields';
import { ParseError } from './parse-error';
import type { Line } from './text-input';

const HINT = 'CONECT lines hold atom serials right-justified in columns 7-11, 12-16, 17-21, 22-26 and 27-31.';
const SERIAL_RANGE: [number, number] = [-9999, 99999];
/** Most serial-pair lookups spent on models whose serials differ from the previous model's. */
const RESOLVE_BUDGET = 20_000_000;

/** One directed serial pair with how often it was listed and where it was first seen. */
interface Link {
  from: number;
  to: number;
  count: number;
  line: Line;
  fromColumn: number;
  toColumn: number;
}

export type Bond = [number, number, number];

export class ConectTable {
  private readonly links = new Map<string, Link>();
  private lastSerials: Map<number, number> | null = null;
  private lastBonds: Bond[] = [];
  private spent = 0;

  get size(): number {
    return this.links.size;
  }

  /** Parse one CONECT line and merge its pairs. */
  add(line: Line): void {
    const own = fixedField(line, 7, 11);
    if (own.text.length === 0) {
      throw new ParseError({
        line: line.number,
        column: 7,
        expected: 'an atom serial in columns 7-11',
        found: 'blank columns',
        hint: HINT,
      });
    }
    const from = readInteger(line, own, 'the atom serial (columns 7-11)', SERIAL_RANGE, HINT);
    for (let first = 12; first <= 27; first += 5) {
      const field = fixedField(line, first, first + 4);
      if (field.text.length === 0) continue;
      const to = readInteger(
        line,
        field,
        `a bonded atom serial (columns ${first}-${first + 4})`,
        SERIAL_RANGE,
        HINT,
      );
      const key = `${from},${to}`;
      const link = this.links.get(key);
      if (link) link.count++;
      else this.links.set(key, { from, to, count: 1, line, fromColumn: 7, toColumn: first });
    }
  }

  /** Bonds of a model, [i, j, order] with i < j, sorted. `skipped`: serials of dropped altLoc atoms. */
  bondsFor(serials: Map<number, number>, skipped: Set<number>): Bond[] {
    if (this.links.size === 0) return [];
    if (this.lastSerials !== null && sameMap(serials, this.lastSerials)) return this.lastBonds;
    this.spent += this.links.size;
    if (this.spent > RESOLVE_BUDGET) {
      const first = this.links.values().next().value as Link;
      throw new ParseError({
        line: first.line.number,
        column: 1,
        expected: `CONECT records that fit the work budget (${RESOLVE_BUDGET} serial lookups over models with differing serials)`,
        found: `${this.links.size} bonded pairs`,
        hint: 'Give every model the same atom serials, or remove the CONECT records.',
      });
    }
    this.lastSerials = serials;
    this.lastBonds = resolve(this.links, serials, skipped);
    return this.lastBonds;
  }
}

function sameMap(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function resolve(links: Map<string, Link>, serials: Map<number, number>, skipped: Set<number>): Bond[] {
  const lookup = (serial: number, line: Line, column: number): number | undefined => {
    const index = serials.get(serial);
    if (index !== undefined || skipped.has(serial)) return index;
    throw new ParseError({
      line: line.number,
      column,
      expected: 'the serial of an ATOM or HETATM record',
      found: `${serial}, which no atom has`,
      hint: HINT,
    });
  };
  // Order of an undirected bond: the larger count of its two directions.
  const orders = new Map<string, Bond>();
  for (const link of links.values()) {
    const i = lookup(link.from, link.line, link.fromColumn);
    const j = lookup(link.to, link.line, link.toColumn);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    const bond = orders.get(key);
    const order = Math.min(3, link.count);
    if (bond) bond[2] = Math.max(bond[2], order);
    else orders.set(key, i < j ? [i, j, order] : [j, i, order]);
  }
  return [...orders.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
