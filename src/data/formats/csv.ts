/**
 * CSV point clouds: a header row naming the columns, then one point per row. x, y and z are found
 * by name (any case); other columns are kept per point, as numbers when every value is an
 * unquoted number, else as strings. Comma, semicolon or tab separated (chosen from the header);
 * double-quoted fields with "" escapes; `#` lines before the header form the comment.
 */
import { commentLines, commentText, isCommentLine } from './comment-lines';
import { readNumber } from './fields';
import { atomsIn } from './frame-checks';
import { formatNumber, parseFiniteNumber } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { setOwn } from './records';
import { decodeText, type Input, type Line, LineReader } from './text-input';
import type { Frame, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';

const HINT = 'A CSV point cloud has a header row such as "x,y,z,intensity" and one row of values per point.';

export interface CsvField {
  text: string;
  quoted: boolean;
  column: number;
}

function fail(line: Line, column: number, expected: string, found: string): never {
  throw new ParseError({ line: line.number, column, expected, found, hint: HINT });
}

/** Split one row; quoted fields may hold the delimiter and "" for a quote, but not line breaks. */
export function splitCsvRow(line: Line, delimiter: string): CsvField[] {
  const text = line.text;
  const fields: CsvField[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t') && text[i] !== delimiter) i++;
    const start = i;
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length)
          fail(line, start + 1, 'a closing quote for the field that opens here', 'the end of the line');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        value += text[i++];
      }
      i++;
      while (i < text.length && text[i] !== delimiter) {
        if (text[i] !== ' ' && text[i] !== '\t')
          fail(line, i + 1, `the delimiter '${delimiter}' after a quoted field`, quoteFound(text[i]));
        i++;
      }
    } else {
      while (i < text.length && text[i] !== delimiter) i++;
      value = text.slice(start, i).trim();
    }
    fields.push({ text: value, quoted, column: start + 1 });
    if (i >= text.length) return fields;
    i++; // past the delimiter
  }
}

function chooseDelimiter(header: Line): string {
  for (const d of [',', ';', '\t']) if (header.text.includes(d)) return d;
  return fail(header, 1, 'a header row of column names separated by commas', quoteFound(header.text));
}

function axisColumns(header: Line, names: CsvField[]): number[] {
  return ['x', 'y', 'z'].map((axis) => {
    const found = names.flatMap((n, k) => (n.text.toLowerCase() === axis ? [k] : []));
    if (found.length === 0)
      fail(
        header,
        1,
        `a column named ${axis} (any case)`,
        `the columns ${quoteFound(names.map((n) => n.text).join(','))}`,
      );
    if (found.length > 1)
      fail(
        header,
        names[found[1]].column,
        `one column named ${axis}`,
        `a second ${quoteFound(names[found[1]].text)}`,
      );
    return found[0];
  });
}

function readHeader(reader: LineReader, comments: string[]): Line {
  for (let line = reader.next(); line !== null; line = reader.next()) {
    if (isCommentLine(line.text)) comments.push(commentText(line.text));
    else if (line.text.trim().length > 0) return line;
  }
  throw new ParseError({
    line: reader.endLine,
    column: 1,
    expected: 'a header row (e.g. x,y,z)',
    found: 'only comments',
    hint: HINT,
  });
}

export function parseCsv(data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  const reader = new LineReader(decodeText(data, lim, 'a CSV file'));
  const comments: string[] = [];
  const header = readHeader(reader, comments);
  const delimiter = chooseDelimiter(header);
  const names = splitCsvRow(header, delimiter);
  const seen = new Set<string>();
  for (const n of names) {
    if (n.text.length === 0) fail(header, n.column, 'a column name', 'an empty name');
    if (seen.has(n.text)) fail(header, n.column, 'distinct column names', `a second ${quoteFound(n.text)}`);
    seen.add(n.text);
  }
  const axes = axisColumns(header, names);
  const isAxis = names.map((_, k) => axes.includes(k));
  const positions: number[] = [];
  const extras = names.map(() => ({ values: [] as string[], numeric: true }));
  let rows = 0;
  for (let line = reader.next(); line !== null; line = reader.next()) {
    if (line.text.trim().length === 0 || isCommentLine(line.text)) continue;
    const fields = splitCsvRow(line, delimiter);
    if (fields.length !== names.length) {
      const column = fields.length > names.length ? fields[names.length].column : line.text.length + 1;
      fail(
        line,
        column,
        `${names.length} fields, one per header column`,
        fields.length > names.length ? 'an extra field' : `only ${fields.length}`,
      );
    }
    if (rows >= lim.maxAtoms) {
      throw new ParseError({
        line: line.number,
        column: 1,
        expected: `at most ${lim.maxAtoms} points (the point limit)`,
        found: 'another row',
        hint: 'Downsample the point cloud, or raise limits.maxAtoms.',
      });
    }
    for (let a = 0; a < 3; a++)
      positions.push(readNumber(line, fields[axes[a]], `the ${'xyz'[a]} coordinate`, HINT));
    fields.forEach((f, k) => {
      if (isAxis[k]) return;
      extras[k].values.push(f.text);
      if (f.quoted || parseFiniteNumber(f.text) === undefined) extras[k].numeric = false;
    });
    rows++;
  }
  if (rows === 0)
    throw new ParseError({
      line: reader.endLine,
      column: 1,
      expected: 'at least one data row after the header',
      found: 'none',
      hint: HINT,
    });
  const frame: Frame = { positions: Float64Array.from(positions), elements: [] };
  names.forEach((n, k) => {
    if (isAxis[k]) return;
    frame.properties ??= {};
    const { values, numeric } = extras[k];
    setOwn(
      frame.properties,
      n.text,
      numeric ? Float64Array.from(values, (v) => parseFiniteNumber(v) as number) : values,
    );
  });
  if (comments.length > 0) frame.comment = comments.join('\n');
  return { format: 'csv', kind: 'point-cloud', frames: [frame] };
}

/** A CSV field: quoted when it must be (or always, for strings, so they stay strings). */
function csvText(value: string, forceQuotes: boolean): string {
  if (/[\r\n]/.test(value)) throw new RangeError('csv: values cannot contain line breaks');
  const needs = forceQuotes || /[",;\t]/.test(value) || value !== value.trim() || value.startsWith('#');
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(frame: Frame): string {
  const n = atomsIn(frame, 'csv', 0);
  const extra = Object.entries(frame.properties ?? {}).map(([name, values]) => {
    if (values.length !== n) throw new RangeError(`csv: property '${name}' must have one value per point`);
    if (name.length === 0 || ['x', 'y', 'z'].includes(name.toLowerCase()))
      throw new RangeError(`csv: cannot write a column named '${name}'`);
    return { name, values };
  });
  const lines = [
    ...commentLines(frame.comment, 'csv'),
    ['x', 'y', 'z', ...extra.map((c) => csvText(c.name, false))].join(','),
  ];
  const p = frame.positions;
  for (let i = 0; i < n; i++) {
    const cells = [formatNumber(p[3 * i]), formatNumber(p[3 * i + 1]), formatNumber(p[3 * i + 2])];
    for (const c of extra) {
      const v = c.values[i];
      cells.push(typeof v === 'number' ? formatNumber(v) : csvText(v, true));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
