/**
 * fast-check generators of frames that each format can represent exactly, for round-trip tests.
 * Quantised formats (V2000 %10.4f, PDB %8.3f) get coordinates already on their grid, normalised
 * so that no −0 appears (fixed-point writers cannot keep its sign).
 */
import fc from 'fast-check';
import { ELEMENTS } from './elements';
import type { Frame, InfoValue } from './types';

const SYMBOLS = ELEMENTS.map((e) => e.symbol);
const element = fc.constantFrom(...SYMBOLS);

/** Any finite double, extremes included. */
const real = fc.double({ noNaN: true, noDefaultInfinity: true });
const moderate = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

/** A value on a decimal grid (`digits` decimals) within ±limit, never −0. */
function gridded(limit: number, digits: number): fc.Arbitrary<number> {
  const scale = 10 ** digits;
  return fc.integer({ min: -limit * scale, max: limit * scale }).map((k) => k / scale + 0);
}

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/);
/** One-line printable text (spaces, quotes, backslashes, '=' included). */
const oneLine = fc.string({ maxLength: 24 }).filter((s) => !/[\r\n]/.test(s));
const token = fc.stringMatching(/^[A-Za-z0-9_.+-]{1,6}$/);
// Regex arbitraries are costly to build: build each once, never inside a chain.
const pdbName = fc.stringMatching(/^[A-Z0-9'][A-Z0-9']{0,3}$/);
const residueName = fc.stringMatching(/^[A-Z0-9]{1,3}$/);
const chainId = fc.stringMatching(/^[A-Z]?$/);
const dataItemName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ ]{0,10}$/);
const pointPropertyName = fc.stringMatching(/^p[a-z0-9_]{0,6}$/);
const printableAscii = fc.stringMatching(/^[ -~]{0,20}$/);

function positions(n: number, coordinate: fc.Arbitrary<number>): fc.Arbitrary<Float64Array> {
  return fc.array(coordinate, { minLength: 3 * n, maxLength: 3 * n }).map((xs) => Float64Array.from(xs));
}

/** Unique bonds i < j among n atoms, sorted, with the given orders. */
function bonds(n: number, orders: number[]): fc.Arbitrary<[number, number, number][] | undefined> {
  if (n < 2) return fc.constant(undefined);
  const pair = fc
    .tuple(fc.nat(n - 1), fc.nat(n - 1))
    .filter(([i, j]) => i !== j)
    .map(([i, j]) => (i < j ? [i, j] : [j, i]));
  return fc
    .uniqueArray(pair, { maxLength: 2 * n, selector: ([i, j]) => `${i},${j}` })
    .chain((pairs) =>
      fc.tuple(
        ...pairs.map((p) =>
          fc.constantFrom(...orders).map((o) => [p[0], p[1], o] as [number, number, number]),
        ),
      ),
    )
    .map((list) => (list.length === 0 ? undefined : list.sort((a, b) => a[0] - b[0] || a[1] - b[1])));
}

const RESERVED_XYZ = new Set([
  'lattice',
  'properties',
  'pbc',
  'energy',
  'comment',
  'species',
  'pos',
  'forces',
  'z',
]);

const infoValue: fc.Arbitrary<InfoValue> = fc.oneof(
  moderate,
  fc.boolean(),
  fc.array(moderate, { minLength: 1, maxLength: 4 }),
  // Strings that are not lists of numbers (those read back as number[]).
  oneLine.map((s) => `s${s}`),
);

export const xyzFrame: fc.Arbitrary<Frame> = fc.integer({ min: 0, max: 6 }).chain((n) =>
  fc
    .record(
      {
        positions: positions(n, real),
        elements: fc.array(element, { minLength: n, maxLength: n }),
        lattice: fc.array(moderate, { minLength: 9, maxLength: 9 }),
        pbc: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
        energy: real,
        forces: positions(n, moderate),
        properties: fc.dictionary(
          identifier.filter((k) => !RESERVED_XYZ.has(k.toLowerCase())),
          fc.integer({ min: 1, max: 3 }).chain((k) =>
            fc.oneof(
              fc.array(real, { minLength: k * n, maxLength: k * n }).map((xs) => Float64Array.from(xs)),
              fc.array(token, { minLength: k * n, maxLength: k * n }),
            ),
          ),
          { maxKeys: 3 },
        ),
        info: fc.dictionary(
          identifier.filter((k) => !RESERVED_XYZ.has(k.toLowerCase())),
          infoValue,
          { maxKeys: 3 },
        ),
        comment: oneLine.filter((s) => s.length > 0),
      },
      { requiredKeys: ['positions', 'elements'] },
    )
    // Zero-atom frames cannot tell a property's component count; keep them plain.
    .map((f) => (n === 0 ? { ...f, properties: undefined } : f))
    .map(dropEmpty),
);

/** SDF: V2000 grid coordinates (or any, for V3000), bonds, formal charges, data items. */
export function sdfFrame(version: 'V2000' | 'V3000'): fc.Arbitrary<Frame> {
  return fc.integer({ min: 0, max: 10 }).chain((n) =>
    fc
      .record(
        {
          positions: positions(n, version === 'V2000' ? gridded(9999, 4) : real),
          elements: fc.array(element, { minLength: n, maxLength: n }),
          bonds: bonds(n, [1, 2, 3, 1.5]),
          charges: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
          info: fc.dictionary(
            dataItemName,
            fc
              .array(
                oneLine.filter((l) => l.length > 0 && l.trim() !== '$$$$'),
                { maxLength: 3 },
              )
              .map((ls) => ls.join('\n')),
            { maxKeys: 3 },
          ),
          comment: oneLine.filter((s) => s.trim().length > 0 && s.trim() !== '$$$$'),
        },
        { requiredKeys: ['positions', 'elements', 'charges'] },
      )
      .map(({ charges, ...f }) =>
        dropEmpty({
          ...f,
          properties: charges.some((c) => c !== 0) ? { charge: Float64Array.from(charges) } : undefined,
        }),
      ),
  );
}

/** PDB: models of the same size sharing bonds, with every per-atom PDB field. */
export const pdbFrames: fc.Arbitrary<Frame[]> = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }))
  .chain(([n, models]) =>
    fc.tuple(
      bonds(n, [1, 2, 3]),
      fc.array(
        fc.record({
          positions: positions(n, gridded(999, 3)),
          elements: fc.array(element, { minLength: n, maxLength: n }),
          atomName: fc.array(pdbName, { minLength: n, maxLength: n }),
          residueName: fc.array(residueName, { minLength: n, maxLength: n }),
          chainId: fc.array(chainId, { minLength: n, maxLength: n }),
          recordName: fc.array(fc.constantFrom('ATOM', 'HETATM'), { minLength: n, maxLength: n }),
          residueNumber: fc.array(fc.integer({ min: -999, max: 9999 }), { minLength: n, maxLength: n }),
          occupancy: fc.array(gridded(1, 2).map(Math.abs), { minLength: n, maxLength: n }),
          bFactor: fc.array(gridded(999, 2).map(Math.abs), { minLength: n, maxLength: n }),
        }),
        { minLength: models, maxLength: models },
      ),
    ),
  )
  .map(([sharedBonds, models]) =>
    models.map(({ positions: p, elements, residueNumber, occupancy, bFactor, ...strings }) =>
      dropEmpty({
        positions: p,
        elements,
        bonds: sharedBonds,
        properties: {
          ...strings,
          residueNumber: Float64Array.from(residueNumber),
          occupancy: Float64Array.from(occupancy, (x) => x + 0),
          bFactor: Float64Array.from(bFactor, (x) => x + 0),
        },
      }),
    ),
  );

/** Point clouds: numeric per-point columns; `strings` adds string columns (CSV only). */
export function pointFrame(options: {
  minPoints: number;
  strings: boolean;
  asciiComment: boolean;
}): fc.Arbitrary<Frame> {
  const commentLine = options.asciiComment ? printableAscii : oneLine;
  return fc.integer({ min: options.minPoints, max: 12 }).chain((n) =>
    fc
      .record(
        {
          positions: positions(n, real),
          properties: fc.dictionary(
            pointPropertyName,
            options.strings
              ? fc.oneof(
                  fc.array(real, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs)),
                  fc.array(oneLine, { minLength: n, maxLength: n }),
                )
              : fc.array(real, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs)),
            { maxKeys: 3 },
          ),
          comment: fc
            .array(commentLine, { minLength: 1, maxLength: 3 })
            .map((ls) => ls.join('\n'))
            .filter((c) => c.length > 0),
        },
        { requiredKeys: ['positions'] },
      )
      .map((f) => dropEmpty({ ...f, elements: [] })),
  );
}

/** Remove optional fields that are empty, as parsers leave them out. */
function dropEmpty(frame: Frame & Record<string, unknown>): Frame {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(frame)) {
    if (value === undefined) continue;
    if (
      key !== 'positions' &&
      key !== 'elements' &&
      typeof value === 'object' &&
      !ArrayBuffer.isView(value)
    ) {
      if (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0) continue;
    }
    out[key] = value;
  }
  return out as unknown as Frame;
}
