import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { opSeed } from '../test/op-harness';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import type { HostTensor, OpDef } from './op';
import { OP_REGISTRY } from './registry';

const SEEDS = [1, 2, 3];
const STEP = 1e-5;

/** L(inputs) = Σ r · op(inputs): its gradient is backward64 with gradOut = r. */
function projected(
  op: OpDef<unknown>,
  inputs: readonly HostTensor[],
  attrs: unknown,
  r: Float64Array,
): number {
  const y = op.forward64(inputs, attrs).data;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += r[i] * y[i];
  return s;
}

function centralDifferences(
  op: OpDef<unknown>,
  inputs: readonly HostTensor[],
  attrs: unknown,
  r: Float64Array,
  k: number,
) {
  const x = inputs[k].data as Float64Array;
  const fd = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    const saved = x[j];
    x[j] = saved + STEP;
    const up = projected(op, inputs, attrs, r);
    x[j] = saved - STEP;
    const down = projected(op, inputs, attrs, r);
    x[j] = saved;
    fd[j] = (up - down) / (2 * STEP);
  }
  return fd;
}

describe('float64 twins: backward vs central finite differences', () => {
  it.each([...OP_REGISTRY.keys()])('%s', (name) => {
    const op = OP_REGISTRY.get(name) as OpDef<unknown>;
    for (const seed of SEEDS) {
      const rng = new Rng(opSeed(name, seed));
      for (const { label, inputs, attrs } of op.cases(rng)) {
        const y = op.forward64(inputs, attrs);
        expect(y.data.length, label).toBe(y.shape.reduce((p, d) => p * d, 1));
        const r = rng.normals(y.data.length);
        const grads = op.backward64(inputs, attrs, r);
        expect(grads.length, label).toBe(inputs.length);
        inputs.forEach((input, k) => {
          if (input.data instanceof Uint32Array) {
            expect(grads[k], `${label}: u32 input ${k} has no gradient`).toBeNull();
            return;
          }
          const fd = centralDifferences(op, inputs, attrs, r, k);
          const err = relativeError(fd, grads[k] as Float64Array);
          expect(err, `${name} ${label} input ${k} (seed ${seed})`).toBeLessThan(TOL.finiteDifferenceF64);
        });
      }
    }
  });
});
