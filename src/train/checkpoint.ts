import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import {
  type JsonParameterSnapshot,
  loadModel,
  type ModelSnapshot,
  parametersFromJson,
  parametersToJson,
} from '../models/index';
import { MODEL_KINDS } from '../models/model';
import { type TrainConfig, Trainer, type TrainerState } from './trainer';

export const CHECKPOINT_FORMAT = 'gauntlet-checkpoint-1';

/** A model and the optimizer state of its run: resuming from it continues the run exactly. */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  model: ModelSnapshot;
  train: TrainConfig;
  state: TrainerState;
}

/** The checkpoint as JSON-ready data (typed arrays become number lists). */
export function checkpointToJson(c: Checkpoint): Record<string, unknown> {
  return {
    format: c.format,
    model: { kind: c.model.kind, config: c.model.config, parameters: parametersToJson(c.model.parameters) },
    train: c.train,
    state: { ...c.state, m: parametersToJson(c.state.m), v: parametersToJson(c.state.v) },
  };
}

/** Parses what checkpointToJson wrote (e.g. after JSON.parse of a file), validating as it goes. */
export function checkpointFromJson(value: unknown): Checkpoint {
  const v = value as {
    format?: unknown;
    model?: { kind?: unknown; config?: unknown; parameters?: unknown };
    train?: unknown;
    state?: { step?: unknown; adamStep?: unknown; m?: unknown; v?: unknown; losses?: unknown };
  };
  if (v?.format !== CHECKPOINT_FORMAT) throw new TypeError(`not a ${CHECKPOINT_FORMAT} file`);
  const kind = v.model?.kind;
  if (!MODEL_KINDS.includes(kind as never))
    throw new TypeError(`checkpoint model kind "${String(kind)}" is unknown`);
  if (!v.model?.config || typeof v.model.config !== 'object')
    throw new TypeError('checkpoint has no model config');
  const s = v.state;
  if (!s || !Number.isInteger(s.step) || !Number.isInteger(s.adamStep) || !Array.isArray(s.losses))
    throw new TypeError('checkpoint state must have integer step, adamStep and a losses list');
  return {
    format: CHECKPOINT_FORMAT,
    model: {
      kind: kind as ModelSnapshot['kind'],
      config: v.model.config,
      parameters: parametersFromJson(v.model.parameters as JsonParameterSnapshot, 'model.parameters'),
    },
    train: v.train as TrainConfig,
    state: {
      step: s.step as number,
      adamStep: s.adamStep as number,
      m: parametersFromJson(s.m, 'state.m'),
      v: parametersFromJson(s.v, 'state.v'),
      losses: (s.losses as { step: number; loss: number }[]).map((p) => ({ step: p.step, loss: p.loss })),
    },
  };
}

/** Snapshot of a run in progress: the model's weights and config, the optimizer and the loop. */
export async function checkpointOf(trainer: Trainer): Promise<Checkpoint> {
  return {
    format: CHECKPOINT_FORMAT,
    model: await trainer.model.save(),
    train: { ...trainer.config },
    state: await trainer.state(),
  };
}

/** Rebuilds the model and the trainer of a checkpoint, ready to continue (or extend: pass more steps). */
export function resumeFrom(
  gpu: Gpu,
  checkpoint: Checkpoint,
  train: readonly Sample[],
  overrides: Partial<TrainConfig> = {},
): Trainer {
  const model = loadModel(gpu, checkpoint.model);
  const trainer = new Trainer(gpu, model, train, { ...checkpoint.train, ...overrides });
  trainer.restore(checkpoint.state);
  return trainer;
}
