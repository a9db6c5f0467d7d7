// End-to-end check of the live equivariance probe (run by e2e/run.mjs): load a bundled molecule,
// run the built-in NequIP model, turn the structure by dragging with the mouse, and see the
// probe's rotation error update and stay below 1e-5; then a short rotation sweep with its plot.
import { ARTIFACTS, screenshotLayouts, waitForGpu, waitUntil } from './helpers.mjs';

const LIMIT = 1e-5;

async function rotationError(page) {
  const out = page.getByLabel('Rotation error');
  const value = await out.getAttribute('data-value');
  return value === null ? null : Number(value);
}

export async function run(page, baseUrl) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/structures?sample=water.xyz', baseUrl).href);
  await waitForGpu(page);
  const atomCount = page.getByLabel('Atom count');
  await waitUntil(
    async () => (await atomCount.count()) > 0 && (await atomCount.textContent())?.trim() === '3',
    'water (3 atoms)',
    30_000,
  );

  // 1. Run the model: energy and forces.
  await page.getByRole('combobox', { name: 'Model' }).selectOption('nequip');
  await page.getByRole('button', { name: 'Run model' }).click();
  const energy = await waitUntil(
    async () => {
      const out = page.getByLabel('Energy', { exact: true });
      if ((await out.count()) === 0) return null;
      const text = (await out.textContent())?.trim();
      return text && Number.isFinite(Number(text)) ? text : null;
    },
    'the energy',
    240_000,
    500,
  );
  await page.getByRole('list', { name: 'Arrow legend' }).waitFor({ timeout: 10_000 });

  // Per-atom outputs as spherical-signal glyphs (forces, 1o: a dipole on each atom).
  const glyphs = page.getByRole('combobox', { name: 'Glyphs' });
  await glyphs.selectOption({ index: 1 });
  await page
    .getByRole('list', { name: 'Arrow legend' })
    .getByText(/Glyphs:/)
    .waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${ARTIFACTS}probe-glyphs-1440x900.png` });
  await glyphs.selectOption({ index: 0 });

  // 2. Drag on the structure in "Rotate structure" mode: the probe re-runs with the new rotation.
  await page.getByRole('button', { name: 'Rotate structure' }).click();
  const canvas = page.locator('.structure-view-frame canvas');
  const box = await canvas.boundingBox();
  const drag = async (dx, dy) => {
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) await page.mouse.move(x + (dx * k) / 8, y + (dy * k) / 8);
    await page.mouse.up();
  };
  await drag(160, 40);
  const first = await waitUntil(
    async () => rotationError(page),
    'the rotation error after the first drag',
    240_000,
    500,
  );
  if (!(first < LIMIT)) throw new Error(`rotation error ${first} after a drag is not below ${LIMIT}`);
  const hash1 = new URL(page.url()).hash;
  await waitUntil(async () => new URL(page.url()).hash.includes('rot='), 'the rotation in the link', 5_000);

  await drag(-60, 150);
  const second = await waitUntil(
    async () => {
      const e = await rotationError(page);
      return e !== null &&
        e !== first &&
        (await page.getByLabel('Equivariance probe').getAttribute('aria-busy')) === 'false'
        ? e
        : null;
    },
    'the rotation error to update after the second drag',
    240_000,
    500,
  );
  if (!(second < LIMIT))
    throw new Error(`rotation error ${second} after a second drag is not below ${LIMIT}`);
  if (new URL(page.url()).hash === hash1) throw new Error('the link did not follow the new rotation');
  await page.getByRole('list', { name: 'Arrow legend' }).getByText('f(g·x)').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${ARTIFACTS}probe-live-1440x900.png` });

  // 3. A short sweep (one chunk): progress, then the log plot with the floor line.
  await page.getByLabel('Steps').fill('6');
  await page.getByLabel('Steps').press('Enter');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const worst = await waitUntil(
    async () => {
      const out = page.getByLabel('Sweep largest error');
      return (await out.count()) > 0 && (await page.getByRole('button', { name: 'Run sweep' }).count()) > 0
        ? Number((await out.textContent())?.trim())
        : null;
    },
    'the sweep to finish',
    240_000,
    500,
  );
  if (!(worst < LIMIT)) throw new Error(`sweep error ${worst} is not below ${LIMIT}`);
  // plotly is a 4.6 MB chunk fetched on first use: slow to parse on a loaded machine.
  const figure = page.getByRole('figure', { name: 'Error against angle' });
  await figure.scrollIntoViewIfNeeded();
  await figure.locator('.main-svg').first().waitFor({ state: 'attached', timeout: 180_000 });
  await page.screenshot({ path: `${ARTIFACTS}probe-sweep-1440x900.png` });

  // 4. The full probe, started with the Space shortcut: every family with random draws, per-layer table.
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press(' ');
  const layers = page.getByRole('table', { name: 'Per-layer errors' });
  await layers.waitFor({ timeout: 400_000 });
  for (const family of ['Rotation', 'Reflection', 'Translation', 'Permutation']) {
    const e = Number(await page.getByLabel(`${family} family error`).getAttribute('data-value'));
    if (!(e < LIMIT)) throw new Error(`${family} family error ${e} is not below ${LIMIT}`);
  }
  await layers.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}probe-layers-1440x900.png` });
  console.log(
    `      energy ${energy}, rotation errors ${first.toExponential(2)}, ${second.toExponential(2)}, sweep ${worst}`,
  );
  await screenshotLayouts(page, 'probe', () => page.waitForTimeout(500));
}
