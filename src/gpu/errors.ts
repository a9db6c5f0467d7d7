/** A WebGPU failure turned into a message a user (or a test log) can act on. */
export class GpuError extends Error {
  constructor(
    message: string,
    readonly kind: 'validation' | 'out-of-memory' | 'internal' | 'device-lost' | 'unavailable',
  ) {
    super(message);
    this.name = 'GpuError';
  }
}

const scopeKinds = ['validation', 'out-of-memory', 'internal'] as const;

/**
 * Runs `work` inside validation, out-of-memory and internal error scopes and throws the first
 * error as a GpuError that names what was being done. Scopes cost a queue round trip, so use this
 * around pipeline creation, allocation bursts and tests, not around every dispatch.
 */
export async function withErrorScopes<T>(
  device: GPUDevice,
  what: string,
  work: () => T | Promise<T>,
): Promise<T> {
  for (const kind of scopeKinds) device.pushErrorScope(kind);
  let result: T;
  let thrown: unknown;
  try {
    result = await work();
  } catch (e) {
    thrown = e;
  }
  // Scopes pop in reverse order of pushing: internal, out-of-memory, validation.
  const errors: (GPUError | null)[] = [];
  for (let i = scopeKinds.length - 1; i >= 0; i--) errors.push(await device.popErrorScope());
  if (thrown !== undefined) throw thrown;
  const kinds = [...scopeKinds].reverse();
  errors.forEach((err, i) => {
    if (err) throw new GpuError(`${what}: ${describeGpuError(err)}`, kinds[i]);
  });
  return result!;
}

export function describeGpuError(err: GPUError): string {
  const kind =
    err.constructor?.name === 'GPUOutOfMemoryError'
      ? 'out of GPU memory'
      : err.constructor?.name === 'GPUInternalError'
        ? 'internal GPU error'
        : 'validation error';
  return `${kind}: ${err.message.trim().split('\n').slice(0, 6).join(' | ')}`;
}
