/** Float64 twin of shaders/nn/adam.wgsl: one Adam/AdamW step, in place on p, m, v. */
export interface Adam64Params {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  decoupled: boolean;
  /** 1-based step count. */
  step: number;
}

export function adamStep64(
  s: Adam64Params,
  grad: ArrayLike<number>,
  p: Float64Array,
  m: Float64Array,
  v: Float64Array,
): void {
  const bc1 = 1 - s.beta1 ** s.step;
  const bc2 = 1 - s.beta2 ** s.step;
  for (let i = 0; i < p.length; i++) {
    const w = p[i];
    const g = s.decoupled ? grad[i] : grad[i] + s.weightDecay * w;
    m[i] = s.beta1 * m[i] + (1 - s.beta1) * g;
    v[i] = s.beta2 * v[i] + (1 - s.beta2) * g * g;
    const decay = s.decoupled ? s.lr * s.weightDecay * w : 0;
    p[i] = w - decay - (s.lr * (m[i] / bc1)) / (Math.sqrt(v[i] / bc2) + s.eps);
  }
}
