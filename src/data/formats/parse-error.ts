/**
 * The one error type every parser throws. The message always reads
 * "line L, column C: expected …, found …. <what to do>" so that a user can jump to the spot.
 */

export interface ParseErrorDetails {
  /** 1-based line of the problem (for binary bodies: the line after the header). */
  line: number;
  /** 1-based column (for binary bodies: 1 + the byte offset into the body). */
  column: number;
  /** What the parser wanted, e.g. "a number for the x coordinate". */
  expected: string;
  /** What it saw, already phrased: a quoted token (see `quoteFound`) or e.g. "the end of the file". */
  found: string;
  /** What the user can do about it: a full sentence. */
  hint: string;
  /** Absolute byte offset, for errors inside binary data. */
  byteOffset?: number;
}

export class ParseError extends Error {
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string;
  readonly hint: string;
  readonly byteOffset: number | undefined;

  constructor(details: ParseErrorDetails) {
    const where = `line ${details.line}, column ${details.column}`;
    const bytes = details.byteOffset === undefined ? '' : ` (byte ${details.byteOffset}, binary data)`;
    super(`${where}${bytes}: expected ${details.expected}, found ${details.found}. ${details.hint}`);
    this.name = 'ParseError';
    this.line = details.line;
    this.column = details.column;
    this.expected = details.expected;
    this.found = details.found;
    this.hint = details.hint;
    this.byteOffset = details.byteOffset;
  }
}

const MAX_QUOTED = 40;

/**
 * A token as it should appear after "found": quoted, control characters escaped, long tokens cut
 * (a 10 MB line must not become a 10 MB error message).
 */
export function quoteFound(token: string): string {
  if (token.length === 0) return 'an empty field';
  const cut = token.length > MAX_QUOTED ? `${token.slice(0, MAX_QUOTED)}…` : token;
  let out = '';
  for (let i = 0; i < cut.length; i++) {
    const code = cut.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (cut[i] === "'") out += "\\'";
    else out += cut[i];
  }
  return `'${out}'`;
}

export const END_OF_FILE = 'the end of the file';
