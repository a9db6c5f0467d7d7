import type { Gpu } from '../gpu/runtime';
import { type GauntDims, type GauntProductKernel, gauntSizes } from '../kernels/gaunt-common';
import { GauntDirectKernel } from '../kernels/gaunt-direct';
import { GauntFftKernel } from '../kernels/gaunt-fft';
import { GauntGridKernel } from '../kernels/gaunt-grid';
import { WeightedGauntKernel } from '../kernels/gaunt-weighted';
import { gauntDirect, gauntDirectBackward } from '../reference/gaunt';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, type HostTensor, host, normalHost, type OpDef } from './op';

/** Which of the three equivalent GPU routes computes the product (docs/kernels/gaunt-*.md). */
export type GauntRouteName = 'direct' | 'grid' | 'fft';
export const GAUNT_ROUTES: readonly GauntRouteName[] = ['direct', 'grid', 'fft'];

/** Learnable degree weights: none, one per degree (L + 1, the paper's form) or per degree and channel. */
export type DegreeWeighting = 'none' | 'per-degree' | 'per-channel';

function makeKernel(gpu: Gpu, route: GauntRouteName, dims: GauntDims): GauntProductKernel {
  if (route === 'grid') return new GauntGridKernel(gpu, dims);
  if (route === 'fft') return new GauntFftKernel(gpu, dims);
  return new GauntDirectKernel(gpu, dims);
}

/**
 * One Gaunt product configuration (degrees, channels, route, degree weighting) with its GPU
 * kernels, built on first use and kept until `dispose()`; layers pass it as the op attribute.
 */
export class GauntProduct {
  private onDevice: { gpu: Gpu; product: GauntProductKernel; weighted: WeightedGauntKernel | null } | null =
    null;

  constructor(
    readonly dims: GauntDims,
    readonly route: GauntRouteName,
    readonly weighting: DegreeWeighting = 'none',
  ) {}

  /** Length of each degree-weight vector of a signal of degree L. */
  weightLength(L: number): number {
    return this.weighting === 'per-channel' ? (L + 1) * this.dims.channels : L + 1;
  }

  kernels(gpu: Gpu): { product: GauntProductKernel; weighted: WeightedGauntKernel | null } {
    if (this.onDevice && this.onDevice.gpu !== gpu)
      throw new Error('GauntProduct is already on another device');
    if (!this.onDevice) {
      const product = makeKernel(gpu, this.route, this.dims);
      const weighted =
        this.weighting === 'none'
          ? null
          : new WeightedGauntKernel(gpu, product, { perChannel: this.weighting === 'per-channel' });
      this.onDevice = { gpu, product, weighted };
    }
    return this.onDevice;
  }

  dispose(): void {
    if (!this.onDevice) return;
    this.onDevice.weighted?.dispose();
    this.onDevice.product.dispose();
    this.onDevice = null;
  }
}

export interface GauntAttrs {
  readonly product: GauntProduct;
}

/** Checks [x1, x2, (w1, w2, wout)] against the product and returns the batch size. */
function batchOf(product: GauntProduct, inputs: readonly { shape: readonly number[] }[]): number {
  const [x1, x2, ...w] = inputs;
  const sizes = gauntSizes(product.dims);
  expectRank('gaunt_product', x1, 2, 'x1');
  expectRank('gaunt_product', x2, 2, 'x2');
  const batch = x1.shape[0];
  if (x1.shape[1] !== sizes.in1 || x2.shape[1] !== sizes.in2 || x2.shape[0] !== batch) {
    throw new RangeError(
      `gaunt_product: x1 [${x1.shape}], x2 [${x2.shape}]; expected [B, ${sizes.in1}] and [B, ${sizes.in2}]`,
    );
  }
  const { L1, L2, Lout } = product.dims;
  const want = product.weighting === 'none' ? [] : [L1, L2, Lout].map((L) => product.weightLength(L));
  if (w.length !== want.length || w.some((t, i) => t.shape.length !== 1 || t.shape[0] !== want[i])) {
    throw new RangeError(
      `gaunt_product: degree weights [${w.map((t) => `[${t.shape}]`)}], expected ${want.length ? `[${want}]` : 'none'}`,
    );
  }
  return batch;
}

function weights64(w: readonly HostTensor[]) {
  return w.length ? { in1: f64(w[0]), in2: f64(w[1]), out: f64(w[2]) } : undefined;
}

/**
 * The Gaunt tensor product of channelwise spherical signals x1 [B, C(L1+1)²] and x2 [B, C(L2+1)²]
 * → [B, C(Lout+1)²] (e3nn layout, docs/conventions.md § Gaunt products), by the route the
 * product names, optionally with degree weights: inputs [x1, x2] or [x1, x2, w1, w2, wout].
 * The three routes compute the same function, so the float64 twin is the direct sum for all.
 * Only even paths (l1 + l2 + l3 even) exist: no cross product, no pseudoscalar.
 */
export const gauntProductOp: OpDef<GauntAttrs> = {
  name: 'gaunt_product',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, inputs, { product }) {
    for (const t of inputs) expectF32('gaunt_product', t);
    const batch = batchOf(product, inputs);
    const out = ctx.alloc([batch, gauntSizes(product.dims).out], `gaunt ${product.route}`);
    if (batch === 0) return out;
    const [x1, x2, w1, w2, wout] = inputs;
    const k = product.kernels(ctx.gpu);
    if (k.weighted) {
      const weights = { in1: w1.buffer, in2: w2.buffer, out: wout.buffer };
      k.weighted.encodeForward(ctx.batch, x1.buffer, x2.buffer, weights, out.buffer, batch);
    } else {
      k.product.encodeForward(ctx.batch, x1.buffer, x2.buffer, out.buffer, batch);
    }
    return out;
  },
  backward(ctx, { inputs, attrs: { product } }, gy) {
    const batch = batchOf(product, inputs);
    // No samples (e.g. a graph without edges): every gradient is zero.
    if (batch === 0) return inputs.map((t) => ctx.constant(0, t.shape, 'gaunt zero grad'));
    const grads = inputs.map((t, i) => ctx.alloc(t.shape, `gaunt grad ${i}`));
    const [x1, x2, w1, w2, wout] = inputs;
    const k = product.kernels(ctx.gpu);
    if (k.weighted) {
      const weights = { in1: w1.buffer, in2: w2.buffer, out: wout.buffer };
      const gradWeights = { in1: grads[2].buffer, in2: grads[3].buffer, out: grads[4].buffer };
      k.weighted.encodeBackward(
        ctx.batch,
        x1.buffer,
        x2.buffer,
        weights,
        gy.buffer,
        grads[0].buffer,
        grads[1].buffer,
        gradWeights,
        batch,
      );
    } else {
      k.product.encodeBackward(
        ctx.batch,
        x1.buffer,
        x2.buffer,
        gy.buffer,
        grads[0].buffer,
        grads[1].buffer,
        batch,
      );
    }
    return grads;
  },
  forward64(inputs, { product }) {
    const batch = batchOf(product, inputs);
    const { L1, L2, Lout, channels } = product.dims;
    const [x1, x2, ...w] = inputs;
    const out = gauntDirect(L1, L2, Lout, channels, f64(x1), f64(x2), batch, weights64(w));
    return host(out, [batch, gauntSizes(product.dims).out]);
  },
  backward64(inputs, { product }, gy) {
    const batch = batchOf(product, inputs);
    const { L1, L2, Lout, channels } = product.dims;
    const [x1, x2, ...w] = inputs;
    const g = gauntDirectBackward(L1, L2, Lout, channels, f64(x1), f64(x2), gy, batch, weights64(w));
    if (!g.gradWeights) return [g.gradX1, g.gradX2];
    return [g.gradX1, g.gradX2, g.gradWeights.in1, g.gradWeights.in2, g.gradWeights.out];
  },
  cases(rng) {
    const make = (dims: GauntDims, route: GauntRouteName, weighting: DegreeWeighting, batch: number) => {
      const product = new GauntProduct(dims, route, weighting);
      const sizes = gauntSizes(dims);
      const inputs = [normalHost(rng, [batch, sizes.in1]), normalHost(rng, [batch, sizes.in2])];
      if (weighting !== 'none') {
        for (const L of [dims.L1, dims.L2, dims.Lout])
          inputs.push(normalHost(rng, [product.weightLength(L)]));
      }
      return {
        label: `${route}, L ${dims.L1}·${dims.L2}→${dims.Lout}, C ${dims.channels}, ${weighting}, ${batch} rows`,
        inputs,
        attrs: { product },
      };
    };
    return [
      make({ L1: 2, L2: 2, Lout: 2, channels: 2 }, 'direct', 'none', 3),
      make({ L1: 2, L2: 1, Lout: 2, channels: 2 }, 'grid', 'per-degree', 3),
      make({ L1: 1, L2: 2, Lout: 2, channels: 3 }, 'fft', 'per-channel', 2),
    ];
  },
};

/** Gaunt(x1, x2) (or with degree weights: w1, w2, wout given together) by the product's route. */
export function gauntProduct(
  ctx: Context,
  x1: Tensor,
  x2: Tensor,
  product: GauntProduct,
  degreeWeights?: readonly [Tensor, Tensor, Tensor],
): Tensor {
  return apply(ctx, gauntProductOp, degreeWeights ? [x1, x2, ...degreeWeights] : [x1, x2], { product });
}
