/**
 * The engine side of the probe and of inference: resolve the model and structure choices, keep
 * the last built model (the Probe panel calls again on every trackball move), run one request
 * at a time on the GPU, and answer in plain data.
 */
import type { Structure } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import type { Model } from '../models/model';
import {
  builtinModelNames,
  createBuiltinModel,
  isBuiltinModel,
  modelFromCheckpoint,
  modelNumSpecies,
} from '../probe/builtin-models';
import { abortError } from '../probe/evaluate';
import { modelOutputs, modelSubject, runModel } from '../probe/model-subject';
import { runProbe } from '../probe/probe';
import type { ProbeProgress } from '../probe/report';
import { randomStructure, structureFromFrame } from '../probe/structures';
import { Context } from '../tensor/context';
import { Rng } from '../util/random';
import type {
  EngineProbeReport,
  InferRequest,
  InferResult,
  ModelChoice,
  ProbeRequest,
  StructureChoice,
} from './probe-types';
import { InputError } from './sh-service';

/** Largest structure the probe and inference take (atoms); the probe evaluates it ~15 times. */
export const PROBE_MAX_ATOMS = 20_000;

interface Resolved {
  structure: Structure;
  positions: Float64Array;
  elements: string[];
}

export function resolveStructure(choice: StructureChoice): Resolved {
  if (choice?.kind === 'random') {
    const n = choice.atoms;
    if (!(Number.isInteger(n) && n >= 1 && n <= 2000))
      throw new InputError(`random structure: atoms must be an integer from 1 to 2000 (got ${n})`);
    const { structure, elements } = randomStructure(new Rng(choice.seed ?? 0), n);
    return { structure, positions: structure.positions, elements };
  }
  if (choice?.kind !== 'atoms')
    throw new InputError('structure must be {kind: "atoms", …} or {kind: "random", …}');
  const positions = Float64Array.from(choice.positions ?? []);
  const n = positions.length / 3;
  if (!Number.isInteger(n) || n < 1)
    throw new InputError('structure: positions must hold 3 numbers per atom, at least one atom');
  if (n > PROBE_MAX_ATOMS)
    throw new InputError(`structure: ${n} atoms is more than the probe takes (${PROBE_MAX_ATOMS})`);
  if (!positions.every(Number.isFinite)) throw new InputError('structure: positions must be finite numbers');
  const elements = Array.from({ length: n }, (_, i) => choice.elements?.[i] ?? '');
  return { structure: structureFromFrame({ positions, elements }), positions, elements };
}

/** Species folded into the model's range (a checkpoint trained on fewer species still runs). */
function fitSpecies(model: Model, s: Structure): Structure {
  const k = modelNumSpecies(model);
  if (k === null || s.species.every((v) => v < k)) return s;
  return { ...s, species: s.species.map((v) => v % k) };
}

export class ProbeService {
  /** The last model built; a null key (a checkpoint without id) never matches. */
  private cached: { key: string | null; model: Model } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by cancel(): probes asked for before it reject with an AbortError. */
  private generation = 0;
  private running: AbortController | null = null;

  constructor(private readonly gpu: () => Promise<Gpu>) {}

  probe(request: ProbeRequest, onProgress?: (p: ProbeProgress) => void): Promise<EngineProbeReport> {
    const generation = this.generation;
    return this.serial(async () => {
      if (generation !== this.generation) throw abortError();
      const abort = new AbortController();
      this.running = abort;
      try {
        const { structure, positions, elements } = resolveStructure(request.structure);
        const gpu = await this.gpu();
        const model = this.model(gpu, request.model, structure.species.length);
        const report = await asInputError(
          runProbe(modelSubject(gpu, model), fitSpecies(model, structure), {
            trials: positiveInt(request.trials, 'trials', 3, 100),
            seed: request.seed ?? 0,
            layers: request.layers ?? true,
            custom: request.custom,
            sweep: request.sweep,
            onProgress,
            signal: abort.signal,
          }),
        );
        return { ...report, model: model.name, task: model.task, positions: Array.from(positions), elements };
      } finally {
        if (this.running === abort) this.running = null;
      }
    });
  }

  /** Stops the running probe (between batches) and every probe asked for before this call. */
  cancel(): void {
    this.generation++;
    this.running?.abort();
  }

  infer(request: InferRequest): Promise<InferResult> {
    return this.serial(async () => {
      const { structure, positions, elements } = resolveStructure(request.structure);
      const gpu = await this.gpu();
      const model = this.model(gpu, request.model, structure.species.length);
      const x = fitSpecies(model, structure);
      const { output, forces } = await asInputError(runModel(gpu, model, [x]));
      const specs = modelOutputs(model);
      const values = [Array.from(output), ...(forces ? [Array.from(forces)] : [])];
      const atomEnergies = model.task === 'forces' ? await this.atomEnergies(gpu, model, x) : null;
      return {
        model: model.name,
        task: model.task,
        numAtoms: x.species.length,
        positions: Array.from(positions),
        elements,
        energy: model.task === 'forces' ? output[0] : null,
        atomEnergies,
        forces: forces ? Array.from(forces) : null,
        outputs: specs.map((s, i) => ({
          name: s.name,
          irreps: s.irreps,
          perAtom: s.perAtom,
          values: values[i],
        })),
      };
    });
  }

  /** Frees the cached model. */
  dispose(): void {
    this.cached?.model.dispose();
    this.cached = null;
  }

  private async atomEnergies(gpu: Gpu, model: Model, x: Structure): Promise<number[] | null> {
    if (!model.atomEnergies) return null;
    const batch = await model.prepare([{ structure: x }]);
    try {
      const ctx = Context.inference(gpu);
      let read: Promise<Float32Array> | null = null;
      try {
        read = ctx.read(model.atomEnergies(ctx, batch));
      } finally {
        await ctx.submit();
      }
      return Array.from(await read);
    } finally {
      batch.dispose();
    }
  }

  /** One request at a time: the cached model is never disposed or shared mid-run. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private model(gpu: Gpu, choice: ModelChoice, numAtoms: number): Model {
    const key = modelKey(choice, numAtoms);
    if (key !== null && this.cached?.key === key) return this.cached.model;
    // Built first: a bad choice leaves the cached model in place.
    const model = buildModel(gpu, choice, numAtoms);
    this.dispose();
    this.cached = { key, model };
    return model;
  }
}

function modelKey(choice: ModelChoice, numAtoms: number): string | null {
  if (choice?.kind === 'builtin')
    // The MLP reads a fixed number of atoms: its built-in depends on the structure's size.
    return `builtin:${choice.name}:${choice.seed ?? 0}:${choice.name === 'mlp' ? numAtoms : ''}`;
  if (choice?.kind === 'checkpoint' && typeof choice.id === 'string') return `checkpoint:${choice.id}`;
  return null;
}

function buildModel(gpu: Gpu, choice: ModelChoice, numAtoms: number): Model {
  if (choice?.kind === 'builtin') {
    if (!isBuiltinModel(choice.name))
      throw new InputError(`model must be one of ${builtinModelNames().join(', ')} (got "${choice.name}")`);
    const seed = choice.seed ?? 0;
    if (!Number.isInteger(seed)) throw new InputError(`model seed must be an integer (got ${seed})`);
    return createBuiltinModel(gpu, choice.name, { numAtoms, seed });
  }
  if (choice?.kind === 'checkpoint') {
    try {
      return modelFromCheckpoint(gpu, choice.checkpoint);
    } catch (e) {
      throw new InputError(`checkpoint: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new InputError('model must be {kind: "builtin", name} or {kind: "checkpoint", checkpoint}');
}

/** Range errors of the probe and the models are about the request (sizes, transformations, atom counts). */
function asInputError<T>(work: Promise<T>): Promise<T> {
  return work.catch((e: unknown) => {
    throw e instanceof RangeError ? new InputError(e.message) : e;
  });
}

function positiveInt(v: number | undefined, name: string, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  if (!(Number.isInteger(v) && v >= 1 && v <= max))
    throw new InputError(`${name} must be an integer from 1 to ${max} (got ${v})`);
  return v;
}
