import { NORMALIZER } from '../ops/gate';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import type { Tensor } from '../tensor/tensor';
import { IrrepsLinear } from './irreps-linear';
import type { ParameterScope } from './parameters';

/** e3nn's normalize2mom factor of SiLU. */
export const SILU_NORMALIZER = NORMALIZER.silu;

/**
 * e3nn's FullyConnectedNet on the radial basis: [E, basis] → SiLU hidden layers → [E, outputs],
 * weights N(0, 1) divided by √fan_in in the forward, SiLU normalised to unit second moment (the
 * factor is folded into the next layer's path weight), no biases — so a zero basis, beyond the
 * cutoff, gives zero weights. Its outputs are the per-edge weights of a tensor product.
 */
export class RadialMlp {
  readonly layers: IrrepsLinear[] = [];

  constructor(
    scope: ParameterScope,
    readonly sizes: readonly number[],
  ) {
    if (sizes.length < 2) throw new RangeError('RadialMlp needs at least input and output sizes');
    for (let i = 0; i + 1 < sizes.length; i++) {
      const inputScale = i > 0 ? SILU_NORMALIZER : 1;
      this.layers.push(
        new IrrepsLinear(scope.scope(`layer${i}`), `${sizes[i]}x0e`, `${sizes[i + 1]}x0e`, { inputScale }),
      );
    }
  }

  get parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters);
  }

  forward(ctx: Context, basis: Tensor): Tensor {
    let h = basis;
    this.layers.forEach((layer, i) => {
      h = layer.forward(ctx, h);
      if (i + 1 < this.layers.length) h = ops.silu(ctx, h);
    });
    return h;
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}
