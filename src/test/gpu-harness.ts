import { createNodeGpu } from '../gpu/node-gpu';
import type { Gpu } from '../gpu/runtime';

let shared: Promise<Gpu> | null = null;

/** One device per test file (vitest isolates files); a missing adapter fails the test, never skips it. */
export function testGpu(): Promise<Gpu> {
  shared ??= createNodeGpu({ label: 'vitest' });
  return shared;
}

/** Destroys the shared device so Node can exit (Dawn keeps the process alive while a device exists). */
export async function releaseTestGpu(): Promise<void> {
  if (!shared) return;
  const gpu = await shared;
  shared = null;
  gpu.destroy();
}

/**
 * Runs a GPU test body inside validation/out-of-memory/internal error scopes, fails on any
 * uncaptured WebGPU error, and destroys every buffer the body created and left alive.
 */
export async function withDevice<T>(body: (gpu: Gpu) => Promise<T>): Promise<T> {
  const gpu = await testGpu();
  const before = new Set(gpu.liveBuffers());
  const uncaptured: string[] = [];
  const stopListening = gpu.onUncapturedError((m) => uncaptured.push(m));
  try {
    const result = await gpu.checked('GPU test', () => body(gpu));
    await gpu.finish();
    if (uncaptured.length) throw new Error(`uncaptured WebGPU error(s): ${uncaptured.join(' | ')}`);
    return result;
  } finally {
    stopListening();
    // Idle pooled buffers (transient uniforms) go too; the pool forgets them so none is reused destroyed.
    gpu.pool.trim();
    for (const b of [...gpu.liveBuffers()]) if (!before.has(b) && !gpu.pool.owns(b)) gpu.destroyBuffer(b);
  }
}

/** A NaN-filled buffer: kernels must overwrite every element, or the comparison fails loudly. */
export function poisoned(gpu: Gpu, label: string, count: number): GPUBuffer {
  return gpu.storage(label, new Float32Array(count).fill(Number.NaN));
}
