import type { Irreps } from '../o3/irreps';
import * as ops from '../ops/index';
import { GatePlan } from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';

/**
 * e3nn's gated nonlinearity (`nn.Gate`) for output irreps "scalars + non-scalars": the input is
 * [scalars, gates, gated] where scalars pass through an activation (0e: SiLU; 0o: tanh, odd, so
 * the parity is kept), each gated irrep copy is multiplied by σ(its gate) (gates are 0e, one per
 * gated copy, so parities are kept) — all activations normalised to unit second moment.
 * Equivariant under O(3): rotations and reflections. One `gated_nonlinearity` kernel each way.
 */
export class Gate {
  private readonly plan: GatePlan;

  /** `irrepsOut` must list its l = 0 blocks first (the gate keeps that order). */
  constructor(irrepsOut: Irreps | string) {
    this.plan = new GatePlan(irrepsOut);
  }

  get irrepsIn(): Irreps {
    return this.plan.irrepsIn;
  }

  get irrepsOut(): Irreps {
    return this.plan.irrepsOut;
  }

  forward(ctx: Context, x: Tensor): Tensor {
    return ops.gatedNonlinearity(ctx, x, this.plan);
  }

  dispose(): void {
    this.plan.dispose();
  }
}
