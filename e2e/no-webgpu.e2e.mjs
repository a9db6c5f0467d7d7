// Without WebGPU the page must say so, explain how to enable it, and keep the shell usable.
// Chromium started without --enable-unsafe-webgpu on a machine with no GPU gives no adapter.
import { chromium } from 'playwright-core';

const WEBGPU_FLAGS = new Set([
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-vulkan=swiftshader',
]);

export async function run(_page, baseUrl, { chromiumPath, chromiumArgs }) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs.filter((a) => !WEBGPU_FLAGS.has(a)).concat('--disable-features=WebGPU'),
  });
  try {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    const alert = page.getByRole('alert').filter({ hasText: 'WebGPU is not available' });
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.textContent();
    if (!/--enable-unsafe-webgpu/.test(text))
      throw new Error(`the alert does not explain how to enable WebGPU: ${text}`);
    if (!(await page.getByRole('navigation').isVisible())) throw new Error('the app shell disappeared');
    if (await page.locator('canvas').count()) throw new Error('a GPU view rendered without WebGPU');
  } finally {
    await browser.close();
  }
}
