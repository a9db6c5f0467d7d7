/**
 * Reuses GPU buffers by (usage, size class) so training loops do not allocate every step.
 * Lifetimes are explicit: `acquire` hands out a buffer, `release` gives it back for reuse,
 * `trim` destroys what is idle. Nothing is freed behind the caller's back.
 */
export class BufferPool {
  private readonly idle = new Map<string, GPUBuffer[]>();
  private readonly sizeOf = new Map<GPUBuffer, number>();

  constructor(
    private readonly allocate: (size: number, usage: number, label: string) => GPUBuffer,
    private readonly free: (buffer: GPUBuffer) => void = (b) => b.destroy(),
  ) {}

  /** Size classes: 256-byte steps below 64 KiB, powers of two above (bounded waste, few classes). */
  static sizeClass(bytes: number): number {
    const b = Math.max(16, bytes);
    if (b <= 65536) return Math.ceil(b / 256) * 256;
    return 2 ** Math.ceil(Math.log2(b));
  }

  acquire(bytes: number, usage: number, label: string): GPUBuffer {
    const size = BufferPool.sizeClass(bytes);
    const reuse = this.idle.get(`${usage}:${size}`)?.pop();
    if (reuse) return reuse;
    const buffer = this.allocate(size, usage, label);
    this.sizeOf.set(buffer, size);
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    const size = this.sizeOf.get(buffer);
    if (size === undefined) throw new Error(`buffer "${buffer.label}" was not acquired from this pool`);
    const key = `${buffer.usage}:${size}`;
    const list = this.idle.get(key) ?? [];
    if (list.includes(buffer)) throw new Error(`buffer "${buffer.label}" released twice`);
    list.push(buffer);
    this.idle.set(key, list);
  }

  /** Destroys idle buffers; buffers still acquired are left alone. */
  trim(): void {
    for (const list of this.idle.values()) {
      for (const b of list) {
        this.sizeOf.delete(b);
        this.free(b);
      }
    }
    this.idle.clear();
  }

  /** Forgets everything (after device loss the buffers are already gone). */
  reset(): void {
    this.idle.clear();
    this.sizeOf.clear();
  }

  owns(buffer: GPUBuffer): boolean {
    return this.sizeOf.has(buffer);
  }

  get idleCount(): number {
    let n = 0;
    for (const list of this.idle.values()) n += list.length;
    return n;
  }
}
