/**
 * The model registry: build a model from its kind and config, or from a snapshot, and convert
 * snapshots to and from JSON (Float32Arrays become number lists; float32 values round-trip exactly).
 */
import type { Gpu } from '../gpu/runtime';
import type { ParameterSnapshot } from '../nn/parameters';
import { type EgnnConfig, EgnnModel } from './egnn';
import { type FacetConfig, FacetModel } from './facet';
import { type MlpConfig, MlpModel } from './mlp';
import { MODEL_KINDS, type Model, type ModelKind, type ModelSnapshot } from './model';
import { type NequipConfig, NequipModel } from './nequip';

export { EGNN_DEFAULTS, type EgnnConfig, EgnnModel, egnnConfig } from './egnn';
export { FACET_DEFAULTS, type FacetConfig, FacetModel } from './facet';
export { MLP_DEFAULTS, type MlpConfig, MlpModel } from './mlp';
export type { Model, ModelKind, ModelSnapshot, PreparedBatch } from './model';
export { MODEL_KINDS } from './model';
export { hiddenIrreps, NEQUIP_DEFAULTS, type NequipConfig, NequipModel } from './nequip';

export interface ModelConfigs {
  nequip: NequipConfig;
  mlp: MlpConfig;
  egnn: EgnnConfig;
  facet: FacetConfig;
}

export function createModel<K extends ModelKind>(
  gpu: Gpu,
  kind: K,
  config: Partial<ModelConfigs[K]> = {},
): Model {
  if (kind === 'nequip') return new NequipModel(gpu, config as Partial<NequipConfig>) as Model;
  if (kind === 'mlp') return new MlpModel(gpu, config as Partial<MlpConfig>) as Model;
  if (kind === 'egnn') return new EgnnModel(gpu, config as Partial<EgnnConfig>) as Model;
  if (kind === 'facet') return new FacetModel(gpu, config as Partial<FacetConfig>) as Model;
  throw new RangeError(`unknown model "${String(kind)}"; expected one of ${MODEL_KINDS.join(', ')}`);
}

/** Rebuilds a model from its snapshot: the config, then the weights. */
export function loadModel(gpu: Gpu, snapshot: ModelSnapshot): Model {
  const model = createModel(gpu, snapshot.kind, snapshot.config as Partial<ModelConfigs[ModelKind]>);
  try {
    model.load(snapshot);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

export interface JsonParameterSnapshot {
  [name: string]: { shape: number[]; data: number[] };
}

export function parametersToJson(p: ParameterSnapshot): JsonParameterSnapshot {
  return Object.fromEntries(
    Object.entries(p).map(([k, v]) => [k, { shape: [...v.shape], data: Array.from(v.data) }]),
  );
}

export function parametersFromJson(value: unknown, what = 'parameters'): ParameterSnapshot {
  if (!value || typeof value !== 'object') throw new TypeError(`${what} must be an object`);
  const out: ParameterSnapshot = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as { shape?: unknown; data?: unknown };
    const ok =
      Array.isArray(e?.shape) &&
      e.shape.every((d) => Number.isInteger(d) && d >= 0) &&
      Array.isArray(e.data) &&
      e.data.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
      e.data.length === e.shape.reduce((p: number, d: number) => p * d, 1);
    if (!ok)
      throw new TypeError(`${what}."${name}" must be {shape: int[], data: finite number[] of that size}`);
    out[name] = { shape: e.shape as number[], data: Float32Array.from(e.data as number[]) };
  }
  return out;
}
