import { parseSignalIrreps, signalIrreps } from '../o3/gaunt-layout';
import { type Irrep, Irreps, irrepProduct } from '../o3/irreps';
import { makeTpPlan, type TpInstruction } from '../o3/tp-instructions';
import * as ops from '../ops/index';
import { CgProduct, type DegreeWeighting, GauntProduct, type GauntRouteName } from '../ops/index';
import { BlockLayout } from '../tensor/block-layout';
import type { Context } from '../tensor/context';
import { SegmentIndex } from '../tensor/segment-index';
import type { Tensor } from '../tensor/tensor';
import type { ParameterScope } from './parameters';

/** The product that couples node features with edge harmonics. */
export type TpKind = 'cg' | 'gaunt-fft' | 'gaunt-grid' | 'gaunt-direct';
export const TP_KINDS: readonly TpKind[] = ['cg', 'gaunt-fft', 'gaunt-grid', 'gaunt-direct'];

export const isGaunt = (kind: TpKind): boolean => kind !== 'cg';

export interface TensorProductLayerOptions {
  kind: TpKind;
  /** Irreps of the (gathered) node features x1. Gaunt: "C x 0e + C x 1o + … + C x L1". */
  irrepsIn: Irreps | string;
  /** Degree of the edge spherical harmonics x2 (component normalisation, parity (−1)^l). */
  lmaxSh: number;
  /** Highest output degree. */
  lmaxOut: number;
  /** CG only: keep only outputs with these irreps (e.g. those the next linear reads). */
  keep?: Irreps | string;
  /** Gaunt only: learnable degree weights (Luo et al.), default none. */
  degreeWeights?: DegreeWeighting;
}

/** NequIP's channelwise 'uvu' instructions, x1 ⊗ SH, filtered by degree and by `keep`. */
function channelwise(irrepsIn: Irreps, lmaxSh: number, lmaxOut: number, keep?: Irreps) {
  const sh = Irreps.sphericalHarmonics(lmaxSh);
  const blocks: [number, Irrep][] = [];
  const instructions: TpInstruction[] = [];
  irrepsIn.blocks.forEach(({ mul, ir: ir1 }, iIn1) => {
    sh.blocks.forEach(({ ir: ir2 }, iIn2) => {
      for (const ir of irrepProduct(ir1, ir2)) {
        if (ir.l > lmaxOut || (keep && keep.count(ir) === 0)) continue;
        instructions.push({ iIn1, iIn2, iOut: blocks.length, mode: 'uvu', hasWeight: true });
        blocks.push([mul, ir]);
      }
    });
  });
  return makeTpPlan(irrepsIn, sh, new Irreps(blocks), instructions);
}

/**
 * The edge tensor product of an interaction block, message_e = x1[sender_e] ⊗ Y(r̂_e) with
 * per-edge weights w_e from a radial MLP, by one of two families:
 * - `cg`: e3nn/NequIP channelwise Clebsch–Gordan product (all parity-allowed paths, incl. odd
 *   ones such as 1o ⊗ 1o → 1e and → 0o); one weight per path and channel.
 * - `gaunt-*`: the Gaunt product of x1 with the harmonics broadcast over channels and scaled per
 *   (degree, channel) by w_e, i.e. R_lc(r)·Y_lm(r̂) — only even paths, so parity (−1)^l in and out:
 *   it cannot make pseudoscalars. Scaled by √(4π) so that a scalar channel of 1 passes x2 through.
 */
export class TensorProductLayer {
  readonly kind: TpKind;
  readonly irrepsIn: Irreps;
  readonly irrepsOut: Irreps;
  /** Columns of the per-edge weight input. */
  readonly numEdgeWeights: number;
  private readonly cg: CgProduct | null = null;
  private readonly gaunt: {
    product: GauntProduct;
    broadcast: SegmentIndex;
    layout: BlockLayout;
    degreeWeights: [Tensor, Tensor, Tensor] | undefined;
  } | null = null;

  constructor(scope: ParameterScope, opts: TensorProductLayerOptions) {
    this.kind = opts.kind;
    this.irrepsIn = new Irreps(opts.irrepsIn);
    if (opts.kind === 'cg') {
      const plan = channelwise(
        this.irrepsIn,
        opts.lmaxSh,
        opts.lmaxOut,
        opts.keep ? new Irreps(opts.keep) : undefined,
      );
      this.cg = new CgProduct(plan);
      this.irrepsOut = plan.irrepsOut;
      this.numEdgeWeights = plan.weightNumel;
      return;
    }
    const { channels: C, lmax: L1 } = parseSignalIrreps(this.irrepsIn);
    const dims = { L1, L2: opts.lmaxSh, Lout: opts.lmaxOut, channels: C };
    const route = opts.kind.slice('gaunt-'.length) as GauntRouteName;
    const product = new GauntProduct(dims, route, opts.degreeWeights ?? 'none');
    // x2 column (l, c, m) in the e3nn layout reads harmonic l² + l + m; copy (l, c) is scaled by w[l·C + c].
    const columns: number[] = [];
    const blocks = [];
    for (let l = 0; l <= opts.lmaxSh; l++) {
      for (let c = 0; c < C; c++) for (let m = -l; m <= l; m++) columns.push(l * l + l + m);
      blocks.push({ mul: C, dim: 2 * l + 1 });
    }
    const weighted = product.weighting !== 'none';
    const ones = (name: string, L: number) =>
      scope.values(name, [product.weightLength(L)], new Float32Array(product.weightLength(L)).fill(1));
    this.gaunt = {
      product,
      broadcast: SegmentIndex.build(columns, (opts.lmaxSh + 1) ** 2),
      layout: new BlockLayout(blocks),
      degreeWeights: weighted
        ? [ones('w_in1', L1), ones('w_in2', opts.lmaxSh), ones('w_out', opts.lmaxOut)]
        : undefined,
    };
    this.irrepsOut = new Irreps(signalIrreps({ channels: C, lmax: opts.lmaxOut }));
    this.numEdgeWeights = (opts.lmaxSh + 1) * C;
  }

  get parameters(): Tensor[] {
    return this.gaunt?.degreeWeights ? [...this.gaunt.degreeWeights] : [];
  }

  /** x [E, irrepsIn.dim], sh [E, (lmaxSh+1)²], edgeWeights [E, numEdgeWeights] → [E, irrepsOut.dim]. */
  forward(ctx: Context, x: Tensor, sh: Tensor, edgeWeights: Tensor): Tensor {
    if (this.cg) return ops.cgTensorProduct(ctx, x, sh, edgeWeights, this.cg);
    const g = this.gaunt;
    if (!g) throw new Error('unreachable');
    const x2 = ops.scaleBlocks(ctx, ops.indexSelect(ctx, sh, g.broadcast), edgeWeights, g.layout);
    const out = ops.gauntProduct(ctx, x, x2, g.product, g.degreeWeights);
    return ops.scale(ctx, out, Math.sqrt(4 * Math.PI));
  }

  dispose(): void {
    this.cg?.dispose();
    if (this.gaunt) {
      this.gaunt.product.dispose();
      this.gaunt.broadcast.dispose();
      this.gaunt.layout.dispose();
    }
  }
}
