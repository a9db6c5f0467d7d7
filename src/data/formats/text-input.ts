/**
 * Turning untrusted input (a string or raw bytes) into text a line parser can walk: size cap,
 * compressed/binary detection, UTF-8 decoding, and a linear-time line reader.
 */
import { END_OF_FILE, ParseError } from './parse-error';
import type { ParseLimits } from './types';

export type Input = string | Uint8Array;

/** Size of an input in the units `maxBytes` caps. */
export function inputSize(data: Input): number {
  return typeof data === 'string' ? data.length : data.byteLength;
}

/** Refuse an input larger than the cap before looking at it. */
export function checkSize(data: Input, limits: ParseLimits, label: string): void {
  const size = inputSize(data);
  if (size > limits.maxBytes) {
    throw new ParseError({
      line: 1,
      column: 1,
      expected: `${label} of at most ${limits.maxBytes} bytes (the size limit)`,
      found: `${size} bytes`,
      hint: 'Split the file, or raise limits.maxBytes if you trust it.',
    });
  }
}

/** First bytes of formats users drop by mistake; each gets a specific message. */
const MAGIC: { bytes: number[]; what: string; hint: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data', hint: 'Decompress the file (e.g. gunzip) first.' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive',
    hint: 'Extract the file from the archive first.',
  },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data', hint: 'Decompress the file first.' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data', hint: 'Decompress the file first.' },
  {
    bytes: [0x89, 0x48, 0x44, 0x46],
    what: 'an HDF5 file',
    hint: 'Export the structures to XYZ, SDF or PDB.',
  },
];

function startsWithBytes(data: Input, magic: number[]): boolean {
  if (data.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) {
    const code = typeof data === 'string' ? data.charCodeAt(i) : data[i];
    if (code !== magic[i]) return false;
  }
  return true;
}

/** Throw a specific error for compressed or container files. */
export function rejectKnownBinary(data: Input, label: string): void {
  for (const m of MAGIC) {
    if (startsWithBytes(data, m.bytes)) {
      throw new ParseError({ line: 1, column: 1, expected: `text (${label})`, found: m.what, hint: m.hint });
    }
  }
}

/** Line and column (1-based) of character index `index` in `text`; linear in `index`. */
export function locate(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function isControl(code: number): boolean {
  // Tab, LF, VT, FF, CR are ordinary in text files.
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
}

/** How much of the start of a file is sampled for binary content. */
const SNIFF_CHARS = 4096;

function binaryError(
  text: string,
  index: number,
  label: string,
  what: string,
  firstLine: number,
): ParseError {
  const { line, column } = locate(text, index);
  return new ParseError({
    line: line + firstLine - 1,
    column,
    expected: `text (${label})`,
    found: `${what}; this looks like a binary file`,
    hint: 'Check that you picked the right file; of the binary formats only little-endian PLY is read.',
  });
}

/**
 * Throw when text contains a NUL character or is mostly control or undecodable characters.
 * `firstLine`: line number of the text's first line within the file.
 */
export function rejectBinaryText(text: string, label: string, firstLine = 1): void {
  const nul = text.indexOf('\0');
  if (nul !== -1) throw binaryError(text, nul, label, 'a NUL byte', firstLine);
  const n = Math.min(text.length, SNIFF_CHARS);
  let odd = 0;
  let firstOdd = -1;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) || code === 0xfffd) {
      odd++;
      if (firstOdd < 0) firstOdd = i;
    }
  }
  // A stray control character or a mis-encoded accent in a comment is fine; 10% of them is not text.
  if (odd > 8 && odd * 10 > n)
    throw binaryError(text, firstOdd, label, 'control or undecodable characters', firstLine);
}

/**
 * Validate and decode an input to text: size cap, compressed-file magic, UTF-8 (invalid sequences
 * become U+FFFD, which then fail where a field is parsed), BOM removal, binary detection, and
 * refusal of empty files. `label` names the expected format in messages, e.g. 'an XYZ file'.
 */
export function decodeText(data: Input, limits: ParseLimits, label: string): string {
  checkSize(data, limits, label);
  rejectKnownBinary(data, label);
  let text = typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  rejectBinaryText(text, label);
  if (text.trim().length === 0) {
    throw new ParseError({
      line: 1,
      column: 1,
      expected: label,
      found: text.length === 0 ? 'an empty file' : 'only whitespace',
      hint: 'Check that the upload finished and that you picked the right file.',
    });
  }
  return text;
}

export interface Line {
  /** The line without its terminator ('\n', '\r\n' or a trailing '\r'). */
  text: string;
  /** 1-based line number. */
  number: number;
}

/** Walks text line by line; each character is visited once, so a parse is linear in the input. */
export class LineReader {
  private pos = 0;
  private lineNumber: number;

  /** `firstLine`: number of the text's first line, for text that starts inside a file (PLY bodies). */
  constructor(
    private readonly source: string,
    firstLine = 1,
  ) {
    this.lineNumber = firstLine - 1;
  }

  /** The next line, or null at the end of the text. A final newline does not start an empty line. */
  next(): Line | null {
    if (this.pos >= this.source.length) return null;
    let end = this.source.indexOf('\n', this.pos);
    if (end === -1) end = this.source.length;
    let text = this.source.slice(this.pos, end);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.pos = end + 1;
    this.lineNumber++;
    return { text, number: this.lineNumber };
  }

  /** The next line that is not blank, or null. */
  nextNonBlank(): Line | null {
    for (let line = this.next(); line !== null; line = this.next()) {
      if (line.text.trim().length > 0) return line;
    }
    return null;
  }

  /** Number of the line a `next()` returning null would have had: where "end of file" errors point. */
  get endLine(): number {
    return this.lineNumber + 1;
  }

  /** The line number of the last line returned. */
  get current(): number {
    return this.lineNumber;
  }

  /** Whether only whitespace is left; stops at the first other character, so it costs little. */
  restIsBlank(): boolean {
    for (let i = this.pos; i < this.source.length; i++) {
      const code = this.source.charCodeAt(i);
      if (code !== 32 && (code < 9 || code > 13)) return false;
    }
    return true;
  }

  /** Character offset of the start of the next line. */
  get offset(): number {
    return this.pos;
  }
}

/** The standard error for a file that stops early. */
export function truncatedError(reader: LineReader, expected: string, hint: string): ParseError {
  return new ParseError({ line: reader.endLine, column: 1, expected, found: END_OF_FILE, hint });
}

/** The standard error for a required field that is not there (the line is too short). */
export function missingFieldError(line: Line, column: number, expected: string, hint: string): ParseError {
  const found = line.text.trim().length === 0 ? 'an empty line' : 'the end of the line';
  return new ParseError({ line: line.number, column, expected, found, hint });
}
