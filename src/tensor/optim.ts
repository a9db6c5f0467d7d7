import { encodeAdam } from '../kernels/nn/adam';
import type { Context } from './context';
import { type LrSchedule, type LrScheduleSpec, lrSchedule } from './lr-schedule';
import { Tensor } from './tensor';

export interface AdamOptions {
  /** A constant, a schedule function of the 0-based step, or a schedule spec. */
  lr: number | LrSchedule | LrScheduleSpec;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** true (default): AdamW, decay applied to the weights; false: L2 added to the gradient (torch Adam). */
  decoupled?: boolean;
}

function toSchedule(lr: AdamOptions['lr']): LrSchedule {
  if (typeof lr === 'number') return lrSchedule({ kind: 'constant', lr });
  if (typeof lr === 'function') return lr;
  return lrSchedule(lr);
}

/**
 * Adam / AdamW with bias correction, updating parameters in place on the GPU (one dispatch per
 * parameter tensor, recorded into the step's batch). Moments live in GPU tensors owned by the
 * optimizer. The float64 twin is src/reference/adam.ts.
 */
export class Adam {
  readonly params: readonly Tensor[];
  private readonly m: Tensor[];
  private readonly v: Tensor[];
  private readonly schedule: LrSchedule;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;
  /** Steps taken so far (the bias corrections use stepCount after the increment). */
  stepCount = 0;

  constructor(params: readonly Tensor[], opts: AdamOptions) {
    if (new Set(params).size !== params.length) throw new Error('Adam: a parameter is listed twice');
    for (const p of params) {
      if (p.dtype !== 'f32' || !p.requiresGrad) throw new Error(`Adam: ${p} must be f32 with requiresGrad`);
    }
    this.params = [...params];
    this.m = params.map((p) => Tensor.zeros(p.gpu, p.shape, { label: `${p.label} adam m` }));
    this.v = params.map((p) => Tensor.zeros(p.gpu, p.shape, { label: `${p.label} adam v` }));
    this.schedule = toSchedule(opts.lr);
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
    this.decoupled = opts.decoupled ?? true;
  }

  /** The learning rate the next step will use. */
  get lr(): number {
    return this.schedule(this.stepCount);
  }

  /**
   * Records one update of every parameter that has a gradient, then releases those gradients
   * (freed after the context submits): a parameter the next backward does not reach is not
   * updated again with a stale gradient.
   */
  step(ctx: Context): void {
    const lr = this.schedule(this.stepCount);
    this.stepCount++;
    const s = {
      lr,
      beta1: this.beta1,
      beta2: this.beta2,
      eps: this.eps,
      weightDecay: this.weightDecay,
      decoupled: this.decoupled,
      step: this.stepCount,
    };
    this.params.forEach((p, i) => {
      const g = p.grad;
      if (!g) return;
      ctx.use(p, g, this.m[i], this.v[i]);
      encodeAdam(ctx.batch, s, p.size, g.buffer, p.buffer, this.m[i].buffer, this.v[i].buffer);
      p.disposeGrad();
    });
  }

  /** First and second moments of parameter i (for checkpoints and tests). */
  moments(i: number): { m: Tensor; v: Tensor } {
    return { m: this.m[i], v: this.v[i] };
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
