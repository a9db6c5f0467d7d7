import { type AdapterReport, COMPUTE_LIMITS, describeAdapter, WANTED_FEATURES } from './adapter-report';
import { Batch, type BatchHost, type KernelTiming } from './batch';
import { BufferPool } from './buffer-pool';
import { GpuError, withErrorScopes } from './errors';
import { type Binding, type KernelSpec, pipelineKey } from './kernel-spec';

export interface DeviceLostEvent {
  reason: string;
  message: string;
  /** True when a new device was obtained; every buffer and pipeline of the old one is gone. */
  recovered: boolean;
}

export interface GpuOptions {
  powerPreference?: GPUPowerPreference;
  /** Called with the adapter when a new one is needed after device loss. */
  label?: string;
}

/**
 * The one place that talks to WebGPU: device acquisition with the adapter's own limits and
 * features, buffers with explicit lifetimes, cached pipelines, batched dispatch, readback,
 * timing and device-loss recovery. Works on `navigator.gpu` and on Node's `webgpu` package alike.
 */
export class Gpu implements BatchHost {
  /** Set to profile every submit per dispatch (development; see KernelTiming). */
  profiler: ((timings: Promise<KernelTiming[]>) => void) | null = null;
  private dev: GPUDevice;
  private adapter: GPUAdapter;
  private info: AdapterReport;
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly live = new Set<GPUBuffer>();
  private readonly lostListeners = new Set<(e: DeviceLostEvent) => void>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private stampQuery: { querySet: GPUQuerySet; resolve: GPUBuffer } | null = null;
  private destroyed = false;
  readonly pool: BufferPool;

  private constructor(
    private readonly entry: GPU,
    adapter: GPUAdapter,
    device: GPUDevice,
    private readonly options: GpuOptions,
  ) {
    this.adapter = adapter;
    this.dev = device;
    this.info = describeAdapter(adapter, device);
    this.pool = new BufferPool(
      (size, usage, label) => this.createBuffer(label, size, usage),
      (buffer) => this.destroyBuffer(buffer),
    );
    this.watch(device);
  }

  static async create(entry: GPU, options: GpuOptions = {}): Promise<Gpu> {
    const { adapter, device } = await openDevice(entry, options);
    return new Gpu(entry, adapter, device, options);
  }

  get device(): GPUDevice {
    return this.dev;
  }
  get report(): AdapterReport {
    return this.info;
  }
  get hasTimestamps(): boolean {
    return this.dev.features.has('timestamp-query');
  }
  get hasSubgroups(): boolean {
    return this.dev.features.has('subgroups');
  }
  get liveBufferCount(): number {
    return this.live.size;
  }

  // ---- buffers -------------------------------------------------------------------------------

  createBuffer(label: string, size: number, usage: number): GPUBuffer {
    const limit = this.dev.limits.maxBufferSize;
    if (size > limit)
      throw new GpuError(
        `${label}: ${size} bytes exceed this adapter's buffer limit of ${limit}`,
        'out-of-memory',
      );
    const buffer = this.dev.createBuffer({ label, size: Math.max(16, Math.ceil(size / 4) * 4), usage });
    this.live.add(buffer);
    return buffer;
  }

  /** A storage buffer holding `data` (or `size` bytes, zero-filled), readable back and copyable. */
  storage(label: string, data: ArrayBufferView | number, extraUsage = 0): GPUBuffer {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extraUsage;
    const size = typeof data === 'number' ? data : data.byteLength;
    const buffer = this.createBuffer(label, size, usage);
    if (typeof data !== 'number' && data.byteLength > 0) this.write(buffer, data);
    return buffer;
  }

  uniformBuffer(label: string, data: ArrayBufferView | ArrayBuffer): GPUBuffer {
    const bytes =
      data instanceof ArrayBuffer
        ? data
        : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const buffer = this.pool.acquire(
      bytes.byteLength,
      GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      label,
    );
    this.dev.queue.writeBuffer(buffer, 0, bytes);
    return buffer;
  }

  releaseTransient(buffers: GPUBuffer[]): void {
    for (const b of buffers) this.pool.release(b);
  }

  write(buffer: GPUBuffer, data: ArrayBufferView, offset = 0): void {
    this.dev.queue.writeBuffer(buffer, offset, data.buffer, data.byteOffset, data.byteLength);
  }

  destroyBuffer(buffer: GPUBuffer): void {
    this.live.delete(buffer);
    buffer.destroy();
  }

  /** Buffers created and not yet destroyed; the test harness uses it to catch leaks. */
  liveBuffers(): ReadonlySet<GPUBuffer> {
    return this.live;
  }

  /** Copies `byteLength` bytes back to the CPU. Asynchronous: call it rarely, never inside a step loop. */
  async read(buffer: GPUBuffer, byteLength = buffer.size, offset = 0): Promise<ArrayBuffer> {
    const staging = this.dev.createBuffer({
      label: `${buffer.label} readback`,
      size: byteLength,
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    const encoder = this.dev.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, offset, staging, 0, byteLength);
    this.dev.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(GPUMapMode.READ);
      return staging.getMappedRange().slice(0);
    } finally {
      staging.destroy();
    }
  }

  async readF32(buffer: GPUBuffer, count: number, offsetElements = 0): Promise<Float32Array> {
    return new Float32Array(await this.read(buffer, count * 4, offsetElements * 4));
  }

  // ---- pipelines and dispatch ----------------------------------------------------------------

  pipeline(spec: KernelSpec): GPUComputePipeline {
    const key = pipelineKey(spec);
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      pipeline = this.dev.createComputePipeline({
        label: spec.label,
        layout: 'auto',
        compute: {
          module: this.dev.createShaderModule({ label: spec.label, code: spec.code }),
          entryPoint: spec.entryPoint ?? 'main',
          constants: { WG: spec.workgroupSize, ...spec.constants },
        },
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /**
   * Compiles a kernel ahead of use and turns WGSL errors into messages with line and column.
   * Later `pipeline()` calls with the same spec hit the cache.
   */
  async prepare(spec: KernelSpec): Promise<void> {
    const key = pipelineKey(spec);
    if (this.pipelines.has(key)) return;
    const module = this.dev.createShaderModule({ label: spec.label, code: spec.code });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length) {
      const text = errors.map((m) => `${spec.label}:${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
      throw new GpuError(`WGSL compile error\n${text}`, 'validation');
    }
    const pipeline = await withErrorScopes(this.dev, `creating pipeline ${spec.label}`, () =>
      this.dev.createComputePipelineAsync({
        label: spec.label,
        layout: 'auto',
        compute: {
          module,
          entryPoint: spec.entryPoint ?? 'main',
          constants: { WG: spec.workgroupSize, ...spec.constants },
        },
      }),
    );
    this.pipelines.set(key, pipeline);
  }

  batch(): Batch {
    return new Batch(this);
  }

  /** One dispatch, submitted at once. Prefer `batch()` for sequences. */
  dispatch(
    spec: KernelSpec,
    bindings: Binding[],
    items: number | [number, number, number],
    uniform?: ArrayBufferView,
  ): void {
    const b = this.batch();
    const all = uniform ? [b.uniform(`${spec.label} params`, uniform), ...bindings] : bindings;
    b.dispatch(spec, all, items);
    void b.submit();
  }

  timestamps(): { querySet: GPUQuerySet; resolve: GPUBuffer } | null {
    if (!this.hasTimestamps) return null;
    if (!this.stampQuery) {
      this.stampQuery = {
        querySet: this.dev.createQuerySet({ type: 'timestamp', count: 2 }),
        resolve: this.dev.createBuffer({
          size: 16,
          usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
        }),
      };
    }
    return this.stampQuery;
  }

  /** Waits until the queue is idle (the fence used for timing when timestamps are missing). */
  finish(): Promise<void> {
    return this.dev.queue.onSubmittedWorkDone();
  }

  /** Runs `work` inside error scopes; throws a readable GpuError on validation or OOM. */
  checked<T>(what: string, work: () => T | Promise<T>): Promise<T> {
    return withErrorScopes(this.dev, what, work);
  }

  // ---- faults ----------------------------------------------------------------------------------

  onDeviceLost(listener: (e: DeviceLostEvent) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  onUncapturedError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  private watch(device: GPUDevice): void {
    device.addEventListener('uncapturederror', (event) => {
      const message = (event as GPUUncapturedErrorEvent).error.message;
      if (this.errorListeners.size === 0) console.error(`WebGPU error: ${message}`);
      for (const l of this.errorListeners) l(message);
    });
    void device.lost.then((info) => this.recover(device, info));
  }

  /** A lost device (driver reset, GPU removed, tab backgrounded too long): get a new one and tell callers. */
  private async recover(lostDevice: GPUDevice, info: GPUDeviceLostInfo): Promise<void> {
    if (this.destroyed || lostDevice !== this.dev) return;
    this.pipelines.clear();
    this.live.clear();
    this.pool.reset();
    this.stampQuery = null;
    let recovered = false;
    try {
      const fresh = await openDevice(this.entry, this.options);
      this.adapter = fresh.adapter;
      this.dev = fresh.device;
      this.info = describeAdapter(fresh.adapter, fresh.device);
      this.watch(fresh.device);
      recovered = true;
    } catch {
      recovered = false;
    }
    const event = { reason: String(info.reason), message: info.message, recovered };
    for (const l of this.lostListeners) l(event);
  }

  /** For tests and fault drills: behaves like a driver reset. */
  simulateDeviceLoss(): void {
    this.dev.destroy();
    // `destroy()` reports reason "destroyed", which recovery ignores for deliberate shutdown; treat this one as a loss.
    void this.recover(this.dev, { reason: 'unknown', message: 'simulated device loss' } as GPUDeviceLostInfo);
  }

  destroy(): void {
    this.destroyed = true;
    this.pool.trim();
    for (const b of this.live) b.destroy();
    this.live.clear();
    this.pipelines.clear();
    this.stampQuery?.querySet.destroy();
    this.stampQuery?.resolve.destroy();
    this.dev.destroy();
  }

  get adapterHandle(): GPUAdapter {
    return this.adapter;
  }
}

async function openDevice(
  entry: GPU,
  options: GpuOptions,
): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  const adapter = await entry.requestAdapter(
    options.powerPreference ? { powerPreference: options.powerPreference } : {},
  );
  if (!adapter) {
    throw new GpuError(
      'WebGPU is available but no adapter was found (GPU blocklisted or drivers missing).',
      'unavailable',
    );
  }
  const requiredLimits: Record<string, number> = {};
  for (const key of COMPUTE_LIMITS) {
    const value = adapter.limits[key];
    if (typeof value === 'number') requiredLimits[key] = value;
  }
  const requiredFeatures = WANTED_FEATURES.filter((f) => adapter.features.has(f)) as GPUFeatureName[];
  const device = await adapter.requestDevice({
    label: options.label ?? 'gauntlet',
    requiredLimits,
    requiredFeatures,
  });
  return { adapter, device };
}
