// Shared set-up of the Tetris training tests: CI-sized data, a model, a trainer, an evaluation on
// randomly rotated test shapes, and mirror images of samples.
import { generateDataset } from '../data/generators/index';
import type { Sample } from '../data/generators/types';
import type { Gpu } from '../gpu/runtime';
import { createModel, type Model, type ModelKind } from '../models/index';
import { type EvalReport, evaluate } from '../train/evaluate';
import { type TrainConfig, Trainer } from '../train/trainer';

export const TETRIS_SEED = 0;

export function tetrisData() {
  return generateDataset('tetris', { seed: TETRIS_SEED }, 'ci');
}

export interface TetrisRun {
  model: Model;
  trainer: Trainer;
  test: EvalReport;
  train: EvalReport;
  seconds: number;
  dispose(): void;
}

/** Trains `kind` on the canonical shapes and evaluates on the rotated test split (and the unrotated train split). */
export async function trainTetris(
  gpu: Gpu,
  kind: ModelKind,
  modelConfig: Record<string, unknown>,
  trainConfig: Partial<TrainConfig>,
): Promise<TetrisRun> {
  const data = tetrisData();
  const model = createModel(gpu, kind, { numClasses: data.numClasses, ...modelConfig });
  const trainer = new Trainer(gpu, model, data.train, { seed: TETRIS_SEED, ...trainConfig });
  const started = performance.now();
  await trainer.run();
  const seconds = (performance.now() - started) / 1000;
  return {
    model,
    trainer,
    seconds,
    test: await evaluate(gpu, model, data.test, { seed: TETRIS_SEED }),
    train: await evaluate(gpu, model, data.train, { seed: TETRIS_SEED, rotate: false }),
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/** The sample under the inversion x → −x (a reflection: chiral shapes become their mirror images). */
export function inverted(s: Sample): Sample {
  return { ...s, structure: { ...s.structure, positions: s.structure.positions.map((v) => -v) } };
}
