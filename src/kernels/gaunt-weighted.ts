// The Gaunt product with learnable degree weights on the GPU, composed from any route's kernel
// and the elementwise kernels of gaunt-degree-weights.ts:
//   forward:  a = w1 ⊙ x1, b = w2 ⊙ x2, out = wout ⊙ P(a, b)
//   backward: raw = P(a, b) (recomputed, so the forward keeps no state), grad wout = Σ raw·gradOut,
//             g = wout ⊙ gradOut, (gA, gB) = P-backward(a, b, g),
//             gradX1 = w1 ⊙ gA, grad w1 = Σ x1·gA, and likewise for x2.
// The scaling passes are O(size of the signals), small next to the product itself. Float64 twin:
// src/reference/gaunt.ts with its `weights` argument.

import type { Batch } from '../gpu/batch';
import type { Gpu } from '../gpu/runtime';
import type { GauntDims, GauntProductKernel } from './gaunt-common';
import { gauntSizes } from './gaunt-common';
import { encodeDegreeWeightGrad, encodeScaleDegrees } from './gaunt-degree-weights';

export interface DegreeWeightBuffers {
  readonly in1: GPUBuffer;
  readonly in2: GPUBuffer;
  readonly out: GPUBuffer;
}

export interface DegreeWeightLayout {
  /** false: L + 1 weights per signal; true: (L + 1) × C, index l·C + c. The same for all three. */
  readonly perChannel: boolean;
}

type Scratch = 'a' | 'b' | 'raw' | 'g' | 'gradA' | 'gradB';

export class WeightedGauntKernel {
  readonly dims: GauntDims;
  private readonly scratch = new Map<Scratch, { buffer: GPUBuffer; floats: number }>();
  private readonly retired: GPUBuffer[] = [];

  constructor(
    private readonly gpu: Gpu,
    private readonly product: GauntProductKernel,
    private readonly layout: DegreeWeightLayout,
  ) {
    this.dims = product.dims;
  }

  private shapes() {
    const C = this.dims.channels;
    return {
      in1: { channels: C, lmax: this.dims.L1 },
      in2: { channels: C, lmax: this.dims.L2 },
      out: { channels: C, lmax: this.dims.Lout },
    };
  }

  /** A scratch buffer of at least `floats`; replaced ones stay alive until dispose (recorded batches may use them). */
  private buffer(name: Scratch, floats: number): GPUBuffer {
    const held = this.scratch.get(name);
    if (held && held.floats >= floats) return held.buffer;
    if (held) this.retired.push(held.buffer);
    const size = Math.max(floats, 2 * (held?.floats ?? 0));
    const buffer = this.gpu.storage(`weighted gaunt ${name}`, 4 * size);
    this.scratch.set(name, { buffer, floats: size });
    return buffer;
  }

  /** a = w1 ⊙ x1 and b = w2 ⊙ x2 into scratch. */
  private encodeScaledInputs(batch: Batch, x1: GPUBuffer, x2: GPUBuffer, w: DegreeWeightBuffers, n: number) {
    const s = this.shapes();
    const sizes = gauntSizes(this.dims);
    const a = this.buffer('a', n * sizes.in1);
    const b = this.buffer('b', n * sizes.in2);
    encodeScaleDegrees(batch, x1, w.in1, a, s.in1, this.layout.perChannel, n);
    encodeScaleDegrees(batch, x2, w.in2, b, s.in2, this.layout.perChannel, n);
    return { a, b };
  }

  encodeForward(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    weights: DegreeWeightBuffers,
    out: GPUBuffer,
    batchSize: number,
  ): void {
    const { a, b } = this.encodeScaledInputs(batch, x1, x2, weights, batchSize);
    const raw = this.buffer('raw', batchSize * gauntSizes(this.dims).out);
    this.product.encodeForward(batch, a, b, raw, batchSize);
    encodeScaleDegrees(batch, raw, weights.out, out, this.shapes().out, this.layout.perChannel, batchSize);
  }

  /** Overwrites gradX1, gradX2 and the three weight gradients. */
  encodeBackward(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    weights: DegreeWeightBuffers,
    gradOut: GPUBuffer,
    gradX1: GPUBuffer,
    gradX2: GPUBuffer,
    gradWeights: DegreeWeightBuffers,
    batchSize: number,
  ): void {
    const s = this.shapes();
    const sizes = gauntSizes(this.dims);
    const perChannel = this.layout.perChannel;
    const { a, b } = this.encodeScaledInputs(batch, x1, x2, weights, batchSize);
    const raw = this.buffer('raw', batchSize * sizes.out);
    this.product.encodeForward(batch, a, b, raw, batchSize);
    encodeDegreeWeightGrad(batch, raw, gradOut, gradWeights.out, s.out, perChannel, batchSize);
    const g = this.buffer('g', batchSize * sizes.out);
    encodeScaleDegrees(batch, gradOut, weights.out, g, s.out, perChannel, batchSize);
    const gradA = this.buffer('gradA', batchSize * sizes.in1);
    const gradB = this.buffer('gradB', batchSize * sizes.in2);
    this.product.encodeBackward(batch, a, b, g, gradA, gradB, batchSize);
    encodeScaleDegrees(batch, gradA, weights.in1, gradX1, s.in1, perChannel, batchSize);
    encodeScaleDegrees(batch, gradB, weights.in2, gradX2, s.in2, perChannel, batchSize);
    encodeDegreeWeightGrad(batch, x1, gradA, gradWeights.in1, s.in1, perChannel, batchSize);
    encodeDegreeWeightGrad(batch, x2, gradB, gradWeights.in2, s.in2, perChannel, batchSize);
  }

  /** Frees the scratch buffers; the wrapped product kernel belongs to the caller. */
  dispose(): void {
    for (const { buffer } of this.scratch.values()) this.gpu.destroyBuffer(buffer);
    for (const buffer of this.retired) this.gpu.destroyBuffer(buffer);
    this.scratch.clear();
    this.retired.length = 0;
  }
}
