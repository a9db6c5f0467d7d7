import { InputError } from '../../engine/sh-service';
import { TP_METHODS, type TpMethod, type TpRequest } from '../../engine/tp-service';
import type { Backend } from '../../engine/types';
import type { ConnectionMode, IrrepNormalization, PathNormalization } from '../../o3/tp-instructions';
import { UsageError } from '../args';
import { readJsonObject, readMatrix, toRows, writeJson } from '../io';
import type { Command } from '../main';
import { withNodeEngine } from '../node-engine';

function requireString(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  if (typeof v !== 'string') throw new UsageError(`"${key}" must be an irreps string such as "4x0e+4x1o"`);
  return v;
}

function optionalChoice<T extends string>(
  input: Record<string, unknown>,
  key: string,
  choices: readonly T[],
): T | undefined {
  const v = input[key];
  if (v === undefined) return undefined;
  if (!choices.includes(v as T)) throw new UsageError(`"${key}" must be one of ${choices.join(', ')}`);
  return v as T;
}

function readInstructions(value: unknown): TpRequest['instructions'] {
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw new UsageError('"instructions" must be a list of [i_in1, i_in2, i_out, mode, has_weight]');
  return value.map((ins, n) => {
    const ok =
      Array.isArray(ins) &&
      ins.length === 5 &&
      ins.slice(0, 3).every((i) => Number.isInteger(i) && i >= 0) &&
      typeof ins[3] === 'string' &&
      typeof ins[4] === 'boolean';
    if (!ok) throw new UsageError(`"instructions"[${n}] must be [i_in1, i_in2, i_out, mode, has_weight]`);
    return ins as [number, number, number, ConnectionMode, boolean];
  });
}

/** Flat list when shared, one list per row when per sample. */
function readWeights(value: unknown, batch: number): { weights?: Float64Array; perSample: boolean } {
  if (value === undefined) return { perSample: false };
  if (!Array.isArray(value))
    throw new UsageError('"weights" must be a list of numbers (shared) or of rows (per sample)');
  if (value.length > 0 && Array.isArray(value[0])) {
    const m = readMatrix(value, 'weights', null);
    if (m.rows !== batch) throw new UsageError(`"weights" has ${m.rows} rows but x1 has ${batch}`);
    return { weights: m.data, perSample: true };
  }
  return { weights: readMatrix([value], 'weights', value.length).data, perSample: false };
}

/** `tp [--backend gpu|cpu]`: one JSON object on stdin (see README) → {"out": [[...], ...]}. */
export const tpCommand: Command = {
  summary: 'tensor product (cg | gaunt-direct | gaunt-fft | gaunt-grid) of x1 and x2 from stdin',
  async run(options) {
    const backend = options.choice<Backend>('backend', ['gpu', 'cpu'], 'gpu');
    options.rejectUnknown();
    const input = await readJsonObject();
    const method = optionalChoice<TpMethod>(input, 'method', TP_METHODS);
    if (!method) throw new UsageError(`"method" is required: one of ${TP_METHODS.join(', ')}`);
    const x1 = readMatrix(input.x1, 'x1', null);
    const x2 = readMatrix(input.x2, 'x2', null);
    if (x1.rows !== x2.rows) throw new UsageError(`x1 has ${x1.rows} rows but x2 has ${x2.rows}`);
    const { weights, perSample } = readWeights(input.weights, x1.rows);
    const request: TpRequest = {
      method,
      irrepsIn1: requireString(input, 'irreps_in1'),
      irrepsIn2: requireString(input, 'irreps_in2'),
      irrepsOut: requireString(input, 'irreps_out'),
      instructions: readInstructions(input.instructions),
      irrepNormalization: optionalChoice<IrrepNormalization>(input, 'irrep_normalization', [
        'component',
        'norm',
        'none',
      ]),
      pathNormalization: optionalChoice<PathNormalization>(input, 'path_normalization', [
        'element',
        'path',
        'none',
      ]),
      weights,
      weightsPerSample: perSample,
      x1: x1.data,
      x2: x2.data,
      batch: x1.rows,
      backend,
    };
    const result = await withNodeEngine((engine) =>
      engine.tensorProduct(request).catch((e: unknown) => {
        throw e instanceof InputError ? new UsageError(e.message) : e;
      }),
    );
    writeJson({ out: toRows(result.out, x1.rows, result.dim) });
  },
};
