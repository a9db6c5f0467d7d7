/**
 * The workbench's built-in models: each model kind as an energy-and-forces model (task
 * 'forces') on the workbench species (structures.ts), with seeded weights. Equivariance is a
 * property of the architecture, not of training, so untrained weights show it as well as
 * trained ones; a checkpoint from `train --save` is the way to probe a trained model.
 */
import type { Gpu } from '../gpu/runtime';
import { createModel, loadModel } from '../models/index';
import { MODEL_KINDS, type Model, type ModelKind } from '../models/model';
import { checkpointFromJson } from '../train/checkpoint';
import { WORKBENCH_NUM_SPECIES } from './structures';

/** Radius-graph cutoff of the built-in graph models (Å): a first and second neighbour shell. */
export const WORKBENCH_CUTOFF = 3;
/** Mean neighbours within 3 Å at the random structures' density (10 Å³ per atom): 4π·27/3/10 ≈ 11. */
const WORKBENCH_NEIGHBOURS = 11;

/** Model kinds that can be built as built-ins now (whatever `MODEL_KINDS` lists at run time). */
export function builtinModelNames(): readonly ModelKind[] {
  return MODEL_KINDS;
}

export function isBuiltinModel(name: string): name is ModelKind {
  return (MODEL_KINDS as readonly string[]).includes(name);
}

/**
 * The config of a built-in: task 'forces', workbench species, seeded weights, and per kind what
 * molecules in Å need (a cutoff for the graph models, the atom count for the MLP, which reads a
 * fixed-size coordinate vector).
 */
export function workbenchConfig(
  kind: ModelKind,
  options: { numAtoms: number; seed: number },
): Record<string, unknown> {
  const common = { task: 'forces', seed: options.seed };
  const graph = { ...common, numSpecies: WORKBENCH_NUM_SPECIES, cutoff: WORKBENCH_CUTOFF };
  switch (kind) {
    case 'nequip':
      return { ...graph, avgNumNeighbors: WORKBENCH_NEIGHBOURS };
    case 'facet':
      return { ...graph, avgNumNeighbors: WORKBENCH_NEIGHBOURS };
    case 'egnn':
      return { ...graph, edges: 'radius' };
    case 'mlp':
      return { ...common, numPoints: options.numAtoms };
    default:
      return { ...common, numSpecies: WORKBENCH_NUM_SPECIES };
  }
}

export function createBuiltinModel(
  gpu: Gpu,
  kind: ModelKind,
  options: { numAtoms: number; seed: number },
): Model {
  return createModel(gpu, kind, workbenchConfig(kind, options) as never);
}

/** A model from the JSON of a `train --save` checkpoint (throws a TypeError on a bad file). */
export function modelFromCheckpoint(gpu: Gpu, json: unknown): Model {
  return loadModel(gpu, checkpointFromJson(json).model);
}

/** Species a model accepts, where its config says (graph models); null = any. */
export function modelNumSpecies(model: Model): number | null {
  const n = (model.config as { numSpecies?: unknown } | null)?.numSpecies;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}
