import { describe, expect, it } from 'vitest';
import { gauntTable } from '../o3/gaunt';
import { gauntKernelSuite } from '../test/gaunt-kernel-suite';
import { GauntDirectKernel, gauntDirectFlops } from './gaunt-direct';

describe('Gaunt direct kernel (shaders/gaunt/direct.wgsl)', () => {
  gauntKernelSuite((gpu, dims) => new GauntDirectKernel(gpu, dims), 1000);

  it('counts 3 FLOPs per non-zero and channel, backward twice the forward', () => {
    const flops = gauntDirectFlops({ L1: 4, L2: 3, Lout: 5, channels: 8 });
    expect(flops.forward).toBe(3 * 8 * gauntTable(4, 3, 5).nnz);
    expect(flops.backward).toBe(2 * flops.forward);
  });
});
