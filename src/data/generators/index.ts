/**
 * Registry of the procedural data sets: one entry point, `generateDataset(name, config)`, and the
 * `ci` / `full` size presets. Everything returned is plain numbers and typed arrays (postable from
 * a Web Worker); everything is reproducible from `config.seed`.
 */
import { generateMd, MD_SIZES, type MdConfig } from './md';
import { generateNBody, NBODY_SIZES, type NBodyConfig } from './nbody';
import { generateTetris, type TetrisConfig } from './tetris';
import type { Dataset } from './types';

export interface GeneratorConfigs {
  tetris: TetrisConfig;
  nbody: NBodyConfig;
  md: MdConfig;
}

export type GeneratorName = keyof GeneratorConfigs;
export type SizePreset = 'ci' | 'full';

interface Generator<C> {
  /** One line for menus and `--help`. */
  description: string;
  generate(config: Partial<C>): Dataset;
  /** Config overrides that set the split sizes of each preset. */
  presets: Record<SizePreset, Partial<C>>;
}

export const generators: { [K in GeneratorName]: Generator<GeneratorConfigs[K]> } = {
  tetris: {
    description:
      'e3nn Tetris: 8 shapes of 4 cubes, canonical training shapes, rotated test shapes (chiral pair)',
    generate: generateTetris,
    // The canonical training set is the point of the task; the presets only vary the test size.
    presets: { ci: { testCopies: 4, validationCopies: 2 }, full: { testCopies: 8, validationCopies: 4 } },
  },
  nbody: {
    description: 'EGNN charged 5-body: positions, velocities, charges at frame 30 → positions at frame 40',
    generate: generateNBody,
    presets: { ci: NBODY_SIZES.ci, full: NBODY_SIZES.full },
  },
  md: {
    description: 'Langevin samples of LJ/Morse clusters or small molecules with exact energies and forces',
    generate: generateMd,
    presets: { ci: MD_SIZES.ci, full: MD_SIZES.full },
  },
};

export const GENERATOR_NAMES = Object.keys(generators) as GeneratorName[];

/**
 * Generates data set `name`. `config` overrides the generator's defaults; `preset` (applied
 * first) picks the split sizes.
 */
export function generateDataset<K extends GeneratorName>(
  name: K,
  config: Partial<GeneratorConfigs[K]> = {},
  preset?: SizePreset,
): Dataset {
  const generator = generators[name] as Generator<GeneratorConfigs[K]> | undefined;
  if (!generator)
    throw new RangeError(`unknown data set ${String(name)}; expected one of ${GENERATOR_NAMES.join(', ')}`);
  return generator.generate({ ...(preset ? generator.presets[preset] : {}), ...config });
}

export type { Dataset, Sample, SplitSizes, Structure, TaskKind } from './types';
