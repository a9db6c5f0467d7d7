import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseStructureFile } from '../../data/formats/detect';
import { ParseError } from '../../data/formats/parse-error';
import type { ModelChoice, StructureChoice } from '../../engine/probe-types';
import { InputError } from '../../engine/sh-service';
import { builtinModelNames, isBuiltinModel } from '../../probe/builtin-models';
import { PROBE_KINDS } from '../../probe/transformations';
import { type Options, UsageError } from '../args';
import { writeJson } from '../io';
import type { Command } from '../main';
import { withNodeEngine } from '../node-engine';

/** A built-in name, or the path of a `train --save` checkpoint. */
async function modelChoice(value: string): Promise<ModelChoice> {
  if (isBuiltinModel(value)) return { kind: 'builtin', name: value };
  if (!existsSync(value))
    throw new UsageError(
      `--model must be one of ${builtinModelNames().join(', ')} or a checkpoint file ("${value}" does not exist)`,
    );
  let checkpoint: unknown;
  try {
    checkpoint = JSON.parse(await readFile(value, 'utf8'));
  } catch (e) {
    throw new UsageError(`--model ${value}: not a JSON checkpoint (${(e as Error).message})`);
  }
  return { kind: 'checkpoint', checkpoint };
}

/** The first frame of a structure file, through the validating parsers. */
async function structureChoice(path: string): Promise<StructureChoice> {
  let data: Uint8Array;
  try {
    data = await readFile(path);
  } catch (e) {
    throw new UsageError(`--structure ${path}: ${(e as Error).message}`);
  }
  try {
    const frame = parseStructureFile(basename(path), data).frames[0];
    if (!frame || frame.positions.length === 0)
      throw new UsageError(`--structure ${path}: the file has no atoms`);
    return { kind: 'atoms', positions: frame.positions, elements: frame.elements };
  } catch (e) {
    if (e instanceof ParseError) throw new UsageError(`--structure ${path}: ${e.message}`);
    throw e;
  }
}

/**
 * `probe --model <name|checkpoint> (--structure FILE | --random N) [--trials K] [--seed S]`
 * stdout: {"rotation": e, "reflection": e, "translation": e, "permutation": e,
 *          "verdicts": {...}, "model", "atoms", "trials", "seed", "floor", "tolerance", "layers"}
 * with e the largest relative error ‖f(g·x) − ρ(g)f(x)‖ / ‖f(x)‖ over the trials.
 */
export const probeCommand: Command = {
  summary: 'equivariance probe of a model (built-in or checkpoint) on a structure; JSON on stdout',
  async run(options: Options) {
    const modelArg = options.string('model');
    if (modelArg === undefined)
      throw new UsageError(`--model is required (${builtinModelNames().join(', ')} or a checkpoint file)`);
    const file = options.string('structure');
    const random = options.string('random') === undefined ? undefined : options.int('random', [1, 2000]);
    const trials = options.int('trials', [1, 100], 3);
    const seed = options.int('seed', [0, 2 ** 31 - 1], 0);
    options.rejectUnknown();
    if ((file === undefined) === (random === undefined))
      throw new UsageError('give exactly one of --structure FILE or --random N');
    const model = await modelChoice(modelArg);
    const structure: StructureChoice =
      file !== undefined ? await structureChoice(file) : { kind: 'random', atoms: random as number, seed };

    const report = await withNodeEngine((engine) =>
      engine.probe({ model, structure, trials, seed }).catch((e: unknown) => {
        throw e instanceof InputError ? new UsageError(e.message) : e;
      }),
    );
    const errors = Object.fromEntries(PROBE_KINDS.map((k) => [k, report.families[k].error]));
    const verdicts = Object.fromEntries(PROBE_KINDS.map((k) => [k, report.families[k].verdict]));
    process.stderr.write(
      `${report.model} on ${report.numAtoms} atoms: ${PROBE_KINDS.map((k) => `${k} ${errors[k].toExponential(1)} (${verdicts[k]})`).join(', ')}\n`,
    );
    writeJson({
      ...errors,
      verdicts,
      model: report.model,
      atoms: report.numAtoms,
      trials,
      seed,
      floor: report.floor,
      tolerance: report.tolerance,
      outputs: Object.fromEntries(
        report.outputs.map((o) => [
          o.name,
          {
            irreps: o.irreps,
            ...Object.fromEntries(
              PROBE_KINDS.map((k) => [
                k,
                Math.max(
                  ...report.families[k].trials.map(
                    (t) => t.outputs.find((x) => x.name === o.name)?.error ?? 0,
                  ),
                ),
              ]),
            ),
          },
        ]),
      ),
      layers: report.layers.map((l) => ({ name: l.name, irreps: l.irreps, ...l.errors })),
    });
  },
};
