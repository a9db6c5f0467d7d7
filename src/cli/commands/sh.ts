import { InputError, SH_CPU_LMAX } from '../../engine/sh-service';
import type { Backend, ShNormalization } from '../../engine/types';
import { UsageError } from '../args';
import { readJsonObject, readMatrix, toRows, writeJson } from '../io';
import type { Command } from '../main';
import { withNodeEngine } from '../node-engine';

/**
 * `sh --lmax L [--normalization component|norm|integral] [--no-normalize] [--backend gpu|cpu]`
 * stdin {"vectors": [[x,y,z], ...]} → stdout {"irreps": "1x0e+1x1o+...", "values": [[...], ...]}
 */
export const shCommand: Command = {
  summary: 'spherical harmonics of vectors (stdin {"vectors": [[x,y,z],...]})',
  async run(options) {
    const lmax = options.int('lmax', [0, SH_CPU_LMAX]);
    const normalization = options.choice<ShNormalization>(
      'normalization',
      ['component', 'norm', 'integral'],
      'component',
    );
    const normalize = !options.flag('no-normalize');
    const backend = options.choice<Backend>('backend', ['gpu', 'cpu'], 'gpu');
    options.rejectUnknown();
    const input = await readJsonObject();
    if (!('vectors' in input))
      throw new UsageError('input needs a "vectors" field: {"vectors": [[x, y, z], ...]}');
    const { rows, data } = readMatrix(input.vectors, 'vectors', 3);
    const result = await withNodeEngine((engine) =>
      engine
        .sphericalHarmonics({ lmax, normalization, normalize, vectors: data, backend })
        .catch((e: unknown) => {
          throw e instanceof InputError ? new UsageError(e.message) : e;
        }),
    );
    writeJson({ irreps: result.irreps, values: toRows(result.values, rows, result.dim) });
  },
};
