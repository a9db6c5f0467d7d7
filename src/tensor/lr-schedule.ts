/** Learning rate as a function of the 0-based step index. */
export type LrSchedule = (step: number) => number;

/** Serialisable description of a schedule (what the engine and the UI pass around). */
export type LrScheduleSpec =
  | { kind: 'constant'; lr: number }
  /** Linear warmup from 0 to `lr` over `warmupSteps`, then a half cosine down to `minLr` at `totalSteps` (held after). */
  | { kind: 'cosine'; lr: number; totalSteps: number; warmupSteps?: number; minLr?: number }
  /** `lr · gamma^⌊step / every⌋`. */
  | { kind: 'step'; lr: number; every: number; gamma: number };

function positive(name: string, v: number, allowZero = false): void {
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0))
    throw new RangeError(`${name} must be positive, got ${v}`);
}

export function lrSchedule(spec: LrScheduleSpec): LrSchedule {
  positive('lr', spec.lr, true);
  switch (spec.kind) {
    case 'constant':
      return () => spec.lr;
    case 'cosine': {
      const warmup = spec.warmupSteps ?? 0;
      const min = spec.minLr ?? 0;
      positive('totalSteps', spec.totalSteps);
      positive('warmupSteps', warmup, true);
      if (warmup >= spec.totalSteps) throw new RangeError('warmupSteps must be below totalSteps');
      return (step) => {
        if (step < warmup) return (spec.lr * (step + 1)) / warmup;
        const t = Math.min(1, (step - warmup) / (spec.totalSteps - warmup));
        return min + 0.5 * (spec.lr - min) * (1 + Math.cos(Math.PI * t));
      };
    }
    case 'step':
      positive('every', spec.every);
      positive('gamma', spec.gamma);
      return (step) => spec.lr * spec.gamma ** Math.floor(step / spec.every);
  }
}
