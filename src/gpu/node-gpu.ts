import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GpuError } from './errors';
import { Gpu, type GpuOptions } from './runtime';

/** Debian's `chromium` package ships SwiftShader's Vulkan ICD: a software adapter for machines without a GPU. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

function hasGpuDeviceNodes(): boolean {
  try {
    if (readdirSync('/dev').some((n) => n.startsWith('nvidia'))) return true;
    return existsSync('/dev/dri') && readdirSync('/dev/dri').some((n) => n.startsWith('renderD'));
  } catch {
    return false;
  }
}

/**
 * Opens a WebGPU device in Node through the `webgpu` package (Dawn). Uses the machine's GPU
 * driver when there is one; otherwise, or when that fails, Chromium's SwiftShader ICD.
 * The Vulkan loader reads VK_ICD_FILENAMES when Dawn creates its instance, so setting it here,
 * before `create()`, is enough.
 */
export async function createNodeGpu(options: GpuOptions = {}): Promise<Gpu> {
  const webgpu = await import('webgpu');
  Object.assign(globalThis, webgpu.globals);
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = join(tmpdir(), 'gauntlet-xdg');
    mkdirSync(dir, { recursive: true });
    process.env.XDG_RUNTIME_DIR = dir;
  }
  const driverChosen = Boolean(process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES);
  const trySoftware = () => {
    if (!existsSync(SWIFTSHADER_ICD)) return null;
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    return Gpu.create(webgpu.create([]), options);
  };
  if (!driverChosen && !hasGpuDeviceNodes()) {
    const gpu = await trySoftware();
    if (gpu) return gpu;
  }
  try {
    return await Gpu.create(webgpu.create([]), options);
  } catch (err) {
    const gpu = driverChosen ? null : await trySoftware();
    if (gpu) return gpu;
    throw new GpuError(
      `No WebGPU adapter in Node (${(err as Error).message}). Install a GPU driver with Vulkan, or Debian's ` +
        `chromium and libvulkan1 packages for the SwiftShader software adapter (${SWIFTSHADER_ICD}).`,
      'unavailable',
    );
  }
}
