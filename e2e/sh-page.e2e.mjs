// End-to-end check of the Spherical harmonics page against the built app (run by e2e/run.mjs).
// Contract: export `run(page, baseUrl)`; throw an Error with a clear message on failure.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const EQUIVARIANCE_LIMIT = 1e-5;

/** Polls `probe` (async, returns a truthy value when done) until it succeeds or `timeoutMs` passes. */
async function waitUntil(probe, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Fails early, with the page's own explanation, if the app says WebGPU is unavailable. */
async function failIfUnavailable(page) {
  const alert = page.locator('.unavailable[role="alert"]');
  if (await alert.count())
    throw new Error(`The app reports WebGPU unavailable: ${(await alert.textContent()).trim()}`);
}

/** Pixel statistics of a PNG, decoded by the browser (no image library needed in Node). */
function pixelStats(page, png) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let sumSq = 0;
    let red = 0;
    let blue = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += lum;
      sumSq += lum * lum;
      if (r > b + 40 && r > g + 20) red++;
      if (b > r + 40) blue++;
    }
    const mean = sum / n;
    return {
      width: image.width,
      height: image.height,
      std: Math.sqrt(sumSq / n - mean * mean),
      red: red / n,
      blue: blue / n,
    };
  }, png.toString('base64'));
}

export async function run(page, baseUrl) {
  await mkdir(ARTIFACTS, { recursive: true });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/spherical-harmonics', baseUrl).href);

  // 1. The worker opened the GPU and the status bar names the adapter.
  const adapterName = page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Adapter name');
  const name = await waitUntil(async () => {
    await failIfUnavailable(page);
    return (await adapterName.textContent())?.trim();
  }, 'the adapter name in the status bar');
  if (!name) throw new Error('The status bar shows an empty adapter name');

  // 2. l = 3, m = −2 through the labelled controls (typed, as a user would).
  const degree = page.getByLabel('Degree l');
  const order = page.getByLabel('Order m');
  await degree.fill('3');
  await degree.press('Tab');
  await order.fill('-2');
  await order.press('Tab');
  if ((await order.inputValue()) !== '-2')
    throw new Error(`Order m shows ${await order.inputValue()} after entering -2`);

  // 3. The equivariance check reruns for lmax = 3 and passes.
  const errorOutput = page.getByLabel('Equivariance error');
  const text = await waitUntil(async () => {
    const [lmax, busy, value] = await Promise.all([
      errorOutput.getAttribute('data-lmax'),
      page.getByRole('region', { name: 'Equivariance check' }).getAttribute('aria-busy'),
      errorOutput.textContent(),
    ]);
    const alert = page.locator('.panel [role="alert"]');
    if (await alert.count())
      throw new Error(`Equivariance check failed: ${await alert.first().textContent()}`);
    return lmax === '3' && busy !== 'true' && value?.trim() ? value.trim() : null;
  }, 'the equivariance check for l = 3');
  const relativeError = Number.parseFloat(text);
  if (!Number.isFinite(relativeError)) throw new Error(`Equivariance error "${text}" is not a number`);
  if (!(relativeError < EQUIVARIANCE_LIMIT)) {
    throw new Error(`Equivariance error ${relativeError} for l = 3 is not below ${EQUIVARIANCE_LIMIT}`);
  }

  // 4. The field for Y_3^-2 arrived and the canvas shows both signs of the colormap.
  await waitUntil(
    async () =>
      (await page.locator('.view-header').textContent()).includes('−2') &&
      !(await page.locator('.view-header .busy').count()),
    'the Y_3^-2 field',
  );
  const fieldError = page.locator('.view-area > .error');
  if (await fieldError.count())
    throw new Error(`Field error shown: ${await fieldError.first().textContent()}`);
  await page.waitForTimeout(500); // the scene renders on the next animation frame
  const canvas = page.locator('.sh-view canvas');
  const png = await canvas.screenshot({ path: `${ARTIFACTS}sh-canvas.png` });
  const stats = await pixelStats(page, png);
  if (stats.std < 10 || stats.red < 0.01 || stats.blue < 0.01) {
    throw new Error(`The sphere canvas looks blank or uncoloured: ${JSON.stringify(stats)}`);
  }

  await page.screenshot({ path: `${ARTIFACTS}sh-page-1440x900.png` });
  if (pageErrors.length) throw new Error(`Uncaught page errors: ${pageErrors.join(' | ')}`);
  return { adapter: name, relativeError, canvas: stats };
}
