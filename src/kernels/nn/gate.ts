import gateSource from '../../../shaders/nn/gate.wgsl?raw';
import gateBackwardSource from '../../../shaders/nn/gate_backward.wgsl?raw';
import type { Batch } from '../../gpu/batch';
import type { KernelSpec } from '../../gpu/kernel-spec';
import type { Gpu } from '../../gpu/runtime';
import type { Context } from '../../tensor/context';
import { Tensor } from '../../tensor/tensor';
import { packUniform } from './uniform';

export const GATE: KernelSpec = { label: 'nn gate', code: gateSource, workgroupSize: 64 };
export const GATE_BACKWARD: KernelSpec = {
  label: 'nn gate backward',
  code: gateBackwardSource,
  workgroupSize: 64,
};

/** Activation codes of shaders/nn/gate*.wgsl. */
export const GATE_ACTIVATION = { silu: 0, sigmoid: 1, tanh: 2 } as const;
export type GateActivation = keyof typeof GATE_ACTIVATION;

/** Output column j: c·f(x[src]) (gate < 0) or x[src]·c·f(x[gate]). */
export interface GateOutput {
  src: number;
  act: GateActivation;
  gate: number;
  c: number;
}

/** Input column: a scalar (kind 0: out column a), a gate (1: copy at out a.., in b.., len), or gated (2: out a, gate b). */
export interface GateInput {
  kind: 0 | 1 | 2;
  a: number;
  b: number;
  len: number;
  act: GateActivation;
  c: number;
}

const NONE = 0xffffffff;
const f32Bits = (x: number) => new Uint32Array(Float32Array.of(x).buffer)[0];

/** The column tables of one gate, uploaded on first use on a device and kept until `dispose()`. */
export class GateTables {
  private readonly forwardTable: Uint32Array;
  private readonly backwardTable: Uint32Array;
  private onDevice: { gpu: Gpu; forward: Tensor; backward: Tensor } | null = null;

  constructor(
    readonly outputs: readonly GateOutput[],
    readonly inputs: readonly GateInput[],
  ) {
    this.forwardTable = Uint32Array.from(
      outputs.flatMap((o) => [o.src, GATE_ACTIVATION[o.act], o.gate < 0 ? NONE : o.gate, f32Bits(o.c)]),
    );
    this.backwardTable = Uint32Array.from(
      inputs.flatMap((i) => [i.kind, i.a, i.b, i.len, GATE_ACTIVATION[i.act], f32Bits(i.c)]),
    );
  }

  bind(ctx: Context): { forward: Tensor; backward: Tensor } {
    if (this.onDevice && this.onDevice.gpu !== ctx.gpu) throw new Error('GateTables are on another device');
    if (!this.onDevice) {
      const u32 = (data: Uint32Array, label: string) =>
        Tensor.from(ctx.gpu, data.length ? data : new Uint32Array(4), [Math.max(4, data.length)], {
          dtype: 'u32',
          label,
        });
      this.onDevice = {
        gpu: ctx.gpu,
        forward: u32(this.forwardTable, 'gate forward table'),
        backward: u32(this.backwardTable, 'gate backward table'),
      };
    }
    ctx.use(this.onDevice.forward, this.onDevice.backward);
    return this.onDevice;
  }

  dispose(): void {
    this.onDevice?.forward.dispose();
    this.onDevice?.backward.dispose();
    this.onDevice = null;
  }
}

export function encodeGate(
  batch: Batch,
  table: Tensor,
  rows: number,
  colsIn: number,
  colsOut: number,
  x: GPUBuffer,
  out: GPUBuffer,
) {
  const params = batch.uniform(GATE.label, packUniform([rows, colsIn, colsOut, 0]));
  batch.dispatch(GATE, [params, table.buffer, x, out], rows * colsOut);
}

export function encodeGateBackward(
  batch: Batch,
  table: Tensor,
  rows: number,
  colsIn: number,
  colsOut: number,
  x: GPUBuffer,
  gy: GPUBuffer,
  gx: GPUBuffer,
) {
  const params = batch.uniform(GATE_BACKWARD.label, packUniform([rows, colsIn, colsOut, 0]));
  batch.dispatch(GATE_BACKWARD, [params, table.buffer, x, gy, gx], rows * colsIn);
}
