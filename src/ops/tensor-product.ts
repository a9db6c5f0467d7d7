import type { Gpu } from '../gpu/runtime';
import { CgTensorProductKernel } from '../kernels/tensor-product';
import {
  channelwiseInstructions,
  fullyConnectedTpPlan,
  makeTpPlan,
  type TpPlan,
} from '../o3/tp-instructions';
import { tensorProduct, tensorProductBackward } from '../reference/tensor-product';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { apply, expectF32, expectRank, f64, type HostTensor, host, normalHost, type OpDef } from './op';

/**
 * A Clebsch–Gordan tensor product plan together with its GPU kernel, built on first use on a
 * device and kept (its tables are uploaded once) until `dispose()`. Layers hold one per product
 * and pass it as the op's attribute on every step.
 */
export class CgProduct {
  private onDevice: { gpu: Gpu; kernel: CgTensorProductKernel } | null = null;

  constructor(readonly plan: TpPlan) {}

  kernel(gpu: Gpu): CgTensorProductKernel {
    if (this.onDevice && this.onDevice.gpu !== gpu) throw new Error('CgProduct is already on another device');
    this.onDevice ??= { gpu, kernel: new CgTensorProductKernel(gpu, this.plan) };
    return this.onDevice.kernel;
  }

  dispose(): void {
    this.onDevice?.kernel.dispose();
    this.onDevice = null;
  }
}

export interface CgAttrs {
  readonly product: CgProduct;
}

/** Batch size and weight sharing from the shapes: weights [numel] are shared, [B, numel] per sample. */
function shapesOf(
  plan: TpPlan,
  x1: { shape: readonly number[] },
  x2: { shape: readonly number[] },
  w?: { shape: readonly number[] },
): { batch: number; shared: boolean } {
  expectRank('cg_tensor_product', x1, 2, 'x1');
  expectRank('cg_tensor_product', x2, 2, 'x2');
  const batch = x1.shape[0];
  if (x1.shape[1] !== plan.irrepsIn1.dim || x2.shape[1] !== plan.irrepsIn2.dim || x2.shape[0] !== batch) {
    throw new RangeError(
      `cg_tensor_product: x1 [${x1.shape}] and x2 [${x2.shape}] for irreps ${plan.irrepsIn1} ⊗ ${plan.irrepsIn2}`,
    );
  }
  const numel = plan.weightNumel;
  if (numel === 0) {
    if (w) throw new RangeError('cg_tensor_product: this plan has no weights');
    return { batch, shared: true };
  }
  if (!w) throw new RangeError(`cg_tensor_product: the plan needs ${numel} weights`);
  const shared = w.shape.length === 1 && w.shape[0] === numel;
  const perSample = w.shape.length === 2 && w.shape[0] === batch && w.shape[1] === numel;
  if (!shared && !perSample)
    throw new RangeError(
      `cg_tensor_product: weights [${w.shape}]; expected [${numel}] or [${batch}, ${numel}]`,
    );
  return { batch, shared };
}

const noWeights = new Float64Array(0);

/**
 * e3nn's o3.TensorProduct (any instructions; docs/conventions.md) of x1 [B, dim1] and x2 [B, dim2]
 * with weights shared ([numel]) or per sample ([B, numel], e.g. from a radial MLP per edge), on
 * the GPU through CgTensorProductKernel; the float64 twin is src/reference/tensor-product.ts.
 * Inputs: [x1, x2, weights], or [x1, x2] for a plan without weights.
 */
export const cgTensorProductOp: OpDef<CgAttrs> = {
  name: 'cg_tensor_product',
  tolerance: { forward: 'f32Reduction', backward: 'f32Reduction' },
  forward(ctx, [x1, x2, w], { product }) {
    for (const t of [x1, x2, w]) if (t) expectF32('cg_tensor_product', t);
    const { plan } = product;
    const { batch, shared } = shapesOf(plan, x1, x2, w);
    const out = ctx.alloc([batch, plan.irrepsOut.dim], 'cg tensor product');
    product
      .kernel(ctx.gpu)
      .encodeForward(ctx.batch, x1.buffer, x2.buffer, w?.buffer ?? null, out.buffer, batch, shared);
    return out;
  },
  backward(ctx, { inputs: [x1, x2, w], attrs: { product } }, gy, needs) {
    const { batch, shared } = shapesOf(product.plan, x1, x2, w);
    // Input gradients nobody needs (e.g. of edge harmonics) are skipped; the weight gradient, when
    // the plan has weights, is computed with them (the kernel records it in the same call).
    const g1 = needs[0] ? ctx.alloc(x1.shape, 'cg grad x1') : null;
    const g2 = needs[1] ? ctx.alloc(x2.shape, 'cg grad x2') : null;
    const gw = w ? ctx.alloc(w.shape, 'cg grad weights') : null;
    product
      .kernel(ctx.gpu)
      .encodeBackward(
        ctx.batch,
        x1.buffer,
        x2.buffer,
        w?.buffer ?? null,
        gy.buffer,
        g1?.buffer ?? null,
        g2?.buffer ?? null,
        gw?.buffer ?? null,
        batch,
        shared,
      );
    return w ? [g1, g2, needs[2] ? gw : null] : [g1, g2];
  },
  forward64([x1, x2, w], { product }) {
    const { plan } = product;
    const { batch, shared } = shapesOf(plan, x1, x2, w);
    const out = tensorProduct(plan, f64(x1), f64(x2), w ? f64(w) : noWeights, batch, shared);
    return host(out, [batch, plan.irrepsOut.dim]);
  },
  backward64([x1, x2, w], { product }, gy) {
    const { batch, shared } = shapesOf(product.plan, x1, x2, w);
    const g = tensorProductBackward(
      product.plan,
      f64(x1),
      f64(x2),
      w ? f64(w) : noWeights,
      gy,
      batch,
      shared,
    );
    return w ? [g.gradX1, g.gradX2, g.gradWeights] : [g.gradX1, g.gradX2];
  },
  cases(rng) {
    const uvu = channelwiseInstructions('2x0e+2x1o', '1x0e+1x1o+1x2e', 2);
    const edges = makeTpPlan('2x0e+2x1o', '1x0e+1x1o+1x2e', uvu.irrepsOut, uvu.instructions);
    const full = fullyConnectedTpPlan('2x0e+1x1o', '1x0e+1x1o', '2x0e+1x1o+1x1e');
    const inputs = (plan: TpPlan, batch: number, shared: boolean): HostTensor[] => [
      normalHost(rng, [batch, plan.irrepsIn1.dim]),
      normalHost(rng, [batch, plan.irrepsIn2.dim]),
      normalHost(rng, shared ? [plan.weightNumel] : [batch, plan.weightNumel]),
    ];
    return [
      {
        label: `uvu ${edges.irrepsIn1} ⊗ SH(2), per-sample weights, 5 rows`,
        inputs: inputs(edges, 5, false),
        attrs: { product: new CgProduct(edges) },
      },
      {
        label: `uvw ${full.irrepsIn1} ⊗ ${full.irrepsIn2} → ${full.irrepsOut}, shared weights, 4 rows`,
        inputs: inputs(full, 4, true),
        attrs: { product: new CgProduct(full) },
      },
    ];
  },
};

/** out = TP(x1, x2; weights) with e3nn semantics; weights [numel] (shared) or [B, numel] (per sample). */
export const cgTensorProduct = (
  ctx: Context,
  x1: Tensor,
  x2: Tensor,
  weights: Tensor | null,
  product: CgProduct,
): Tensor => apply(ctx, cgTensorProductOp, weights ? [x1, x2, weights] : [x1, x2], { product });
