import { GpuError } from './errors';
import { Gpu, type GpuOptions } from './runtime';

export const ENABLE_WEBGPU_HELP =
  'Use a recent Chrome or Edge (113 or later) on a machine with a supported GPU. On Linux, start Chrome with ' +
  '--enable-unsafe-webgpu --enable-features=Vulkan, or enable chrome://flags/#enable-unsafe-webgpu. ' +
  'In Firefox Nightly set dom.webgpu.enabled; in Safari enable the WebGPU feature flag.';

/** Opens a device on `navigator.gpu` (page or worker); a clear error when WebGPU is missing. */
export async function createBrowserGpu(options: GpuOptions = {}): Promise<Gpu> {
  const entry = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!entry)
    throw new GpuError(
      `This browser does not expose WebGPU (navigator.gpu is missing). ${ENABLE_WEBGPU_HELP}`,
      'unavailable',
    );
  return Gpu.create(entry, options);
}
