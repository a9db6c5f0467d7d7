import { UsageError } from './args';

/** Input bigger than this is refused before parsing (a CLI payload, not a data set). */
export const MAX_STDIN_BYTES = 512 * 1024 * 1024;

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('expected JSON on standard input (pipe a file or use a here-document)');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_STDIN_BYTES) throw new UsageError(`input is larger than ${MAX_STDIN_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonObject(): Promise<Record<string, unknown>> {
  const text = await readStdin();
  if (!text.trim()) throw new UsageError('standard input is empty: expected a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`input is not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('input must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * A JSON matrix of finite numbers with a fixed row length, packed row-major into a Float64Array.
 * `name` appears in the error so the user knows which field is wrong.
 */
export function readMatrix(
  value: unknown,
  name: string,
  columns: number | null,
): { rows: number; cols: number; data: Float64Array } {
  if (!Array.isArray(value)) throw new UsageError(`"${name}" must be a list of rows`);
  const cols = columns ?? (Array.isArray(value[0]) ? value[0].length : 0);
  const data = new Float64Array(value.length * cols);
  value.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new UsageError(`"${name}"[${i}] must be a list of ${cols} numbers`);
    }
    row.forEach((v, k) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new UsageError(`"${name}"[${i}][${k}] is not a finite number (${JSON.stringify(v)})`);
      }
      data[i * cols + k] = v;
    });
  });
  return { rows: value.length, cols, data };
}

export function toRows(values: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++)
    out.push(Array.from({ length: cols }, (_, k) => Number(values[i * cols + k])));
  return out;
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
