// Shared helpers for e2e specs (not a spec itself: run.mjs only runs *.e2e.mjs files).
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Headless Chromium with a software WebGPU adapter and a WebGL canvas (SwiftShader). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
];

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Polls `probe` (async, returns a truthy value when done) until it succeeds or `timeoutMs` passes. */
export async function waitUntil(probe, what, timeoutMs = 60_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Fails early, with the page's own explanation, if the app says WebGPU is unavailable. */
export async function failIfUnavailable(page) {
  const alert = page.locator('.unavailable[role="alert"]');
  if (await alert.count())
    throw new Error(`The app reports WebGPU unavailable: ${(await alert.first().textContent()).trim()}`);
}

/** Waits until the status bar names the adapter (the worker opened the GPU). */
export async function waitForGpu(page) {
  const name = page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Adapter name');
  return waitUntil(async () => {
    await failIfUnavailable(page);
    return (await name.textContent())?.trim();
  }, 'the adapter name in the status bar');
}

/**
 * Screenshots of the page at the two viewport sizes we design for, in both themes
 * (`<prefix>-1440x900-light.png`, …), then restores 1440×900 and the starting theme.
 */
export async function screenshotLayouts(page, prefix, settle = async () => {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const toggle = page.getByRole('button', { name: 'Toggle theme' });
  const isDark = () => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme === 'dark');
  const startDark = await isDark();
  const files = [];
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark']) {
      if ((await isDark()) !== (theme === 'dark')) await toggle.click();
      await settle();
      const path = `${ARTIFACTS}${prefix}-${width}x${height}-${theme}.png`;
      await page.screenshot({ path });
      files.push(path);
    }
  }
  if ((await isDark()) !== startDark) await toggle.click();
  await page.setViewportSize({ width: 1440, height: 900 });
  return files;
}
