/**
 * Plain point-cloud text: one point per line, `x y z [more numbers]`, separated by whitespace or
 * commas, `#` starting a comment. A comment line `# x y z name4 …` before the data names the extra
 * columns; other leading comment lines become the frame comment.
 */
import { commentLines, commentText, isCommentLine } from './comment-lines';
import { type Field, readNumber } from './fields';
import { atomsIn } from './frame-checks';
import { formatNumber } from './numbers';
import { ParseError, quoteFound } from './parse-error';
import { setOwn } from './records';
import { decodeText, type Input, type Line, LineReader } from './text-input';
import type { Frame, ParseLimits, StructureFile } from './types';
import { resolveLimits } from './types';

const HINT = 'Write one point per line as "x y z" (spaces or commas between numbers); start comments with #.';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';
}

/** Fields separated by whitespace and/or single commas; two commas in a row leave an empty field. */
export function splitPointFields(line: Line, text: string): Field[] {
  const fields: Field[] = [];
  let i = 0;
  let afterComma = false;
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length || text[i] === ',') {
      if (afterComma || (text[i] === ',' && fields.length === 0)) {
        throw new ParseError({
          line: line.number,
          column: i + 1,
          expected: 'a number between the commas',
          found: 'an empty field',
          hint: HINT,
        });
      }
      if (i >= text.length) return fields;
      afterComma = true;
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== ',') i++;
    fields.push({ text: text.slice(start, i), column: start + 1 });
    afterComma = false;
  }
}

/** Names from a `# x y z a b` line, or undefined if the line is not such a header. */
function headerNames(comment: string): string[] | undefined {
  const names = comment.split(/[\s,]+/).filter((t) => t.length > 0);
  const lower = names.slice(0, 3).map((t) => t.toLowerCase());
  if (names.length < 3 || lower[0] !== 'x' || lower[1] !== 'y' || lower[2] !== 'z') return undefined;
  return new Set(names).size === names.length ? names : undefined;
}

export function parsePoints(data: Input, limits?: Partial<ParseLimits>): StructureFile {
  const lim = resolveLimits(limits);
  const reader = new LineReader(decodeText(data, lim, 'a point-cloud text file (x y z per line)'));
  const comments: string[] = [];
  let names: string[] | undefined;
  let width = 0;
  let columns: number[][] = [];
  let firstData = 0;
  for (let line = reader.next(); line !== null; line = reader.next()) {
    const hash = line.text.indexOf('#');
    if (width === 0 && isCommentLine(line.text)) {
      const text = commentText(line.text);
      const header = names === undefined ? headerNames(text) : undefined;
      if (header) names = header;
      else comments.push(text);
      continue;
    }
    const fields = splitPointFields(line, hash === -1 ? line.text : line.text.slice(0, hash));
    if (fields.length === 0) continue;
    if (width === 0) {
      if (fields.length < 3)
        throw new ParseError({
          line: line.number,
          column: line.text.length + 1,
          expected: 'at least three numbers (x y z)',
          found: `${fields.length}`,
          hint: HINT,
        });
      width = fields.length;
      firstData = line.number;
      columns = Array.from({ length: width }, () => []);
    }
    if (fields.length !== width) {
      const column = fields.length > width ? fields[width].column : line.text.length + 1;
      throw new ParseError({
        line: line.number,
        column,
        expected: `${width} numbers, as on line ${firstData}`,
        found:
          fields.length > width
            ? `an extra field ${quoteFound(fields[width].text)}`
            : `only ${fields.length}`,
        hint: HINT,
      });
    }
    if (columns[0].length >= lim.maxAtoms) {
      throw new ParseError({
        line: line.number,
        column: 1,
        expected: `at most ${lim.maxAtoms} points (the point limit)`,
        found: 'another point',
        hint: 'Downsample the point cloud, or raise limits.maxAtoms.',
      });
    }
    fields.forEach((f, k) => {
      columns[k].push(readNumber(line, f, k < 3 ? `the ${'xyz'[k]} coordinate` : `column ${k + 1}`, HINT));
    });
  }
  if (width === 0) {
    throw new ParseError({
      line: reader.endLine,
      column: 1,
      expected: 'at least one point (x y z)',
      found: 'only comments and blank lines',
      hint: HINT,
    });
  }
  const n = columns[0].length;
  const positions = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) positions[3 * i + k] = columns[k][i];
  const frame: Frame = { positions, elements: [] };
  if (width > 3) {
    const useNames = names !== undefined && names.length === width;
    frame.properties = {};
    for (let k = 3; k < width; k++)
      setOwn(
        frame.properties,
        useNames ? (names as string[])[k] : `column${k + 1}`,
        Float64Array.from(columns[k]),
      );
  }
  if (comments.length > 0) frame.comment = comments.join('\n');
  return { format: 'points', kind: 'point-cloud', frames: [frame] };
}

export function writePoints(frame: Frame): string {
  const n = atomsIn(frame, 'points', 0);
  const extra = Object.entries(frame.properties ?? {}).map(([name, values]) => {
    if (!(values instanceof Float64Array) || values.length !== n)
      throw new RangeError(`points: property '${name}' must be numeric with one value per point`);
    if (name.length === 0 || /[\s,#]/.test(name))
      throw new RangeError(`points: cannot write a column named '${name}'`);
    return { name, values };
  });
  const header = `# ${['x', 'y', 'z', ...extra.map((c) => c.name)].join(' ')}`;
  const comments = commentLines(frame.comment, 'points');
  if (comments.some((c) => headerNames(commentText(c)) !== undefined))
    throw new RangeError('points: a comment line cannot start with "x y z"');
  const lines = [...comments, header];
  const p = frame.positions;
  for (let i = 0; i < n; i++) {
    const values = [p[3 * i], p[3 * i + 1], p[3 * i + 2], ...extra.map((c) => c.values[i])];
    lines.push(values.map(formatNumber).join(' '));
  }
  return `${lines.join('\n')}\n`;
}
