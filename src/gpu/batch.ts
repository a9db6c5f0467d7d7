import type { Binding, KernelSpec } from './kernel-spec';
import { workgroupGrid } from './kernel-spec';

/** What a Batch needs from the runtime: kept narrow so the batch can be tested and reasoned about alone. */
export interface BatchHost {
  readonly device: GPUDevice;
  pipeline(spec: KernelSpec): GPUComputePipeline;
  uniformBuffer(label: string, data: ArrayBufferView | ArrayBuffer): GPUBuffer;
  releaseTransient(buffers: GPUBuffer[]): void;
  timestamps(): { querySet: GPUQuerySet; resolve: GPUBuffer } | null;
  /** When set (and the adapter has timestamp-query), every submit is profiled per dispatch. */
  readonly profiler?: ((timings: Promise<KernelTiming[]>) => void) | null;
}

/** GPU time of one dispatch of a profiled submit. */
export interface KernelTiming {
  label: string;
  workgroups: number;
  ms: number;
}

/** Query-set size limit (WebGPU caps a query set at 4096 queries): later dispatches go unprofiled. */
const MAX_PROFILED = 2048;

type Command =
  | { kind: 'dispatch'; spec: KernelSpec; bindings: Binding[]; grid: [number, number, number] }
  | { kind: 'copy'; src: GPUBuffer; srcOffset: number; dst: GPUBuffer; dstOffset: number; size: number }
  | { kind: 'clear'; buffer: GPUBuffer; offset: number; size?: number };

/**
 * Records dispatches and copies and submits them as one command buffer, consecutive dispatches
 * sharing one compute pass (each dispatch is its own synchronisation scope, so later dispatches
 * see earlier writes). One submit per step keeps per-dispatch overhead low on slow adapters.
 */
export class Batch {
  private readonly commands: Command[] = [];
  private readonly transient: GPUBuffer[] = [];

  constructor(private readonly host: BatchHost) {}

  /** Uniform data for one dispatch of this batch; freed after submit. */
  uniform(label: string, data: ArrayBufferView | ArrayBuffer): GPUBuffer {
    const buffer = this.host.uniformBuffer(label, data);
    this.transient.push(buffer);
    return buffer;
  }

  /** Dispatches `items` invocations (rounded up to whole workgroups) or an explicit grid. */
  dispatch(spec: KernelSpec, bindings: Binding[], items: number | [number, number, number]): this {
    const limit = this.host.device.limits.maxComputeWorkgroupsPerDimension;
    const grid = typeof items === 'number' ? workgroupGrid(items, spec.workgroupSize, limit) : items;
    if (typeof items === 'number' && items === 0) return this;
    this.commands.push({ kind: 'dispatch', spec, bindings, grid });
    return this;
  }

  copy(src: GPUBuffer, dst: GPUBuffer, size: number, srcOffset = 0, dstOffset = 0): this {
    this.commands.push({ kind: 'copy', src, srcOffset, dst, dstOffset, size });
    return this;
  }

  clear(buffer: GPUBuffer, offset = 0, size?: number): this {
    this.commands.push({ kind: 'clear', buffer, offset, size });
    return this;
  }

  get size(): number {
    return this.commands.length;
  }

  /**
   * Encodes and submits. With `timed`, timestamps bracket the first and last compute pass and
   * the returned promise gives GPU milliseconds (null when the adapter lacks timestamp-query).
   */
  submit(timed = false): Promise<number | null> {
    const { device } = this.host;
    if (this.host.profiler && device.features.has('timestamp-query')) {
      this.host.profiler(this.submitProfiled());
      return timed ? device.queue.onSubmittedWorkDone().then(() => null) : Promise.resolve(null);
    }
    const stamps = timed ? this.host.timestamps() : null;
    const encoder = device.createCommandEncoder();
    const passes = this.groupIntoPasses();
    const lastPass = passes.reduce((last, p, i) => (p.kind === 'pass' ? i : last), -1);
    const firstPass = passes.findIndex((p) => p.kind === 'pass');
    passes.forEach((segment, index) => {
      if (segment.kind === 'copy') {
        encodeTransfer(encoder, segment.command);
        return;
      }
      const timestampWrites: GPUComputePassTimestampWrites | undefined =
        stamps && (index === firstPass || index === lastPass)
          ? {
              querySet: stamps.querySet,
              ...(index === firstPass ? { beginningOfPassWriteIndex: 0 } : {}),
              ...(index === lastPass ? { endOfPassWriteIndex: 1 } : {}),
            }
          : undefined;
      const pass = encoder.beginComputePass(timestampWrites ? { timestampWrites } : {});
      for (const c of segment.commands) {
        const pipeline = this.host.pipeline(c.spec);
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup(device, pipeline, c.bindings, c.spec.label));
        pass.dispatchWorkgroups(c.grid[0], c.grid[1], c.grid[2]);
      }
      pass.end();
    });
    let readStamps: GPUBuffer | null = null;
    if (stamps && firstPass >= 0) {
      encoder.resolveQuerySet(stamps.querySet, 0, 2, stamps.resolve, 0);
      readStamps = device.createBuffer({
        size: 16,
        usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
      });
      encoder.copyBufferToBuffer(stamps.resolve, 0, readStamps, 0, 16);
    }
    device.queue.submit([encoder.finish()]);
    this.host.releaseTransient(this.transient.splice(0));
    this.commands.length = 0;
    if (!readStamps)
      return timed ? device.queue.onSubmittedWorkDone().then(() => null) : Promise.resolve(null);
    const buffer = readStamps;
    return buffer.mapAsync(GPUMapMode.READ).then(() => {
      const [begin, end] = new BigUint64Array(buffer.getMappedRange().slice(0));
      buffer.destroy();
      return Number(end - begin) / 1e6;
    });
  }

  /**
   * Every dispatch in its own compute pass bracketed by timestamps (slower than `submit`: a
   * development tool for finding the kernels a step spends its time in, see scripts/profile-step.ts).
   */
  private submitProfiled(): Promise<KernelTiming[]> {
    const { device } = this.host;
    const dispatches = this.commands.filter((c) => c.kind === 'dispatch').length;
    const count = Math.min(dispatches, MAX_PROFILED);
    const querySet = device.createQuerySet({ type: 'timestamp', count: Math.max(2, 2 * count) });
    const resolve = device.createBuffer({
      size: 16 * Math.max(1, count),
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    const read = device.createBuffer({
      size: 16 * Math.max(1, count),
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    const encoder = device.createCommandEncoder();
    const timed: { label: string; workgroups: number }[] = [];
    for (const c of this.commands) {
      if (c.kind !== 'dispatch') {
        encodeTransfer(encoder, c);
        continue;
      }
      const i = timed.length;
      const timestampWrites =
        i < count
          ? { querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 }
          : undefined;
      const pass = encoder.beginComputePass(timestampWrites ? { timestampWrites } : {});
      const pipeline = this.host.pipeline(c.spec);
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup(device, pipeline, c.bindings, c.spec.label));
      pass.dispatchWorkgroups(c.grid[0], c.grid[1], c.grid[2]);
      pass.end();
      if (i < count) timed.push({ label: c.spec.label, workgroups: c.grid[0] * c.grid[1] * c.grid[2] });
    }
    if (count > 0) {
      encoder.resolveQuerySet(querySet, 0, 2 * count, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, read, 0, 16 * count);
    }
    device.queue.submit([encoder.finish()]);
    this.host.releaseTransient(this.transient.splice(0));
    this.commands.length = 0;
    return read.mapAsync(GPUMapMode.READ).then(() => {
      const stamps = new BigUint64Array(read.getMappedRange().slice(0));
      for (const b of [read, resolve]) b.destroy();
      querySet.destroy();
      return timed.map((t, i) => ({ ...t, ms: Number(stamps[2 * i + 1] - stamps[2 * i]) / 1e6 }));
    });
  }

  private groupIntoPasses() {
    type Segment =
      | { kind: 'pass'; commands: Extract<Command, { kind: 'dispatch' }>[] }
      | { kind: 'copy'; command: Exclude<Command, { kind: 'dispatch' }> };
    const segments: Segment[] = [];
    for (const c of this.commands) {
      const last = segments[segments.length - 1];
      if (c.kind === 'dispatch') {
        if (last?.kind === 'pass') last.commands.push(c);
        else segments.push({ kind: 'pass', commands: [c] });
      } else segments.push({ kind: 'copy', command: c });
    }
    return segments;
  }
}

function encodeTransfer(encoder: GPUCommandEncoder, c: Exclude<Command, { kind: 'dispatch' }>): void {
  if (c.kind === 'copy') encoder.copyBufferToBuffer(c.src, c.srcOffset, c.dst, c.dstOffset, c.size);
  else encoder.clearBuffer(c.buffer, c.offset, c.size);
}

function bindGroup(
  device: GPUDevice,
  pipeline: GPUComputePipeline,
  bindings: Binding[],
  label: string,
): GPUBindGroup {
  return device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(0),
    entries: bindings.map((b, binding) => ({
      binding,
      // A GPUBuffer has no `buffer` field; a sub-range binding does.
      resource: 'buffer' in b ? b : { buffer: b },
    })),
  });
}
