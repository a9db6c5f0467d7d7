import type { Gpu } from '../gpu/runtime';
import { Tensor } from '../tensor/tensor';
import type { Rng } from '../util/random';

/** One parameter's values as plain data (what checkpoints and snapshots hold). */
export interface ParameterData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Named parameter values, in creation order. */
export type ParameterSnapshot = Record<string, ParameterData>;

/**
 * The trainable tensors of a model, by dotted name ("layers.0.linear_in.weight"), created in a
 * fixed order from one seeded Rng so that the same config and seed give the same initial
 * weights. Layers get a `ParameterScope` with their name prefix.
 */
export class ParameterSet {
  private readonly entries = new Map<string, Tensor>();

  constructor(
    readonly gpu: Gpu,
    readonly rng: Rng,
  ) {}

  scope(prefix: string): ParameterScope {
    return new ParameterScope(this, prefix);
  }

  /** Registers a trainable f32 tensor with the given initial values. */
  add(name: string, shape: readonly number[], values: ArrayLike<number>): Tensor {
    if (this.entries.has(name)) throw new Error(`parameter "${name}" is defined twice`);
    const t = Tensor.from(this.gpu, values, shape, { label: name, requiresGrad: true });
    this.entries.set(name, t);
    return t;
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  get tensors(): Tensor[] {
    return [...this.entries.values()];
  }

  get count(): number {
    return this.tensors.reduce((s, t) => s + t.size, 0);
  }

  /** Copies every parameter back (one read each; call between steps, not inside one). */
  async snapshot(): Promise<ParameterSnapshot> {
    const out: ParameterSnapshot = {};
    for (const [name, t] of this.entries) out[name] = { shape: [...t.shape], data: await t.read() };
    return out;
  }

  /** Overwrites every parameter from a snapshot with exactly the same names and shapes. */
  load(snapshot: ParameterSnapshot): void {
    const missing = this.names.filter((n) => !(n in snapshot));
    const extra = Object.keys(snapshot).filter((n) => !this.entries.has(n));
    if (missing.length || extra.length) {
      throw new RangeError(
        `parameters do not match: missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`,
      );
    }
    for (const [name, t] of this.entries) {
      const { shape, data } = snapshot[name];
      if (shape.length !== t.shape.length || shape.some((d, i) => d !== t.shape[i]))
        throw new RangeError(`parameter "${name}" has shape [${t.shape}], the snapshot [${shape}]`);
      t.write(data);
    }
  }

  dispose(): void {
    for (const t of this.entries.values()) t.dispose();
    this.entries.clear();
  }
}

/** A name prefix inside a ParameterSet; layers create their parameters through one. */
export class ParameterScope {
  constructor(
    private readonly set: ParameterSet,
    readonly prefix: string,
  ) {}

  get gpu(): Gpu {
    return this.set.gpu;
  }

  get rng(): Rng {
    return this.set.rng;
  }

  scope(name: string): ParameterScope {
    return new ParameterScope(this.set, `${this.prefix}.${name}`);
  }

  values(name: string, shape: readonly number[], values: ArrayLike<number>): Tensor {
    return this.set.add(`${this.prefix}.${name}`, shape, values);
  }
}
