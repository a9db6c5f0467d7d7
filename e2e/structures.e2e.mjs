// End-to-end check of the Structures page (run by e2e/run.mjs): load a bundled molecule, then a
// broken file through the file input, and check that the error names its line while the molecule
// stays; then draw the radius graph.
import { ARTIFACTS, screenshotLayouts, waitUntil } from './helpers.mjs';

// The count line promises 5 atoms; only 3 follow.
const BROKEN_XYZ = '5\nbroken on purpose\nC 0.0 0.0 0.0\nH 1.09 0.0 0.0\nH -0.36 1.03 0.0\n';

export async function run(page, baseUrl) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/structures', baseUrl).href);
  await page.getByRole('heading', { name: 'Structures', level: 1 }).waitFor();

  // 1. A bundled molecule from the gallery (the first sample marked as a molecule, else the first).
  const gallery = page.getByRole('region', { name: 'Samples' });
  const buttons = gallery.getByRole('button');
  await waitUntil(async () => (await buttons.count()) > 0, 'the sample gallery', 20_000);
  const molecules = gallery.locator('button[data-kind="molecule"]');
  const sample = (await molecules.count()) > 0 ? molecules.first() : buttons.first();
  await sample.click();
  const atomCount = page.getByLabel('Atom count');
  const count = await waitUntil(
    async () => {
      if ((await atomCount.count()) === 0) return null;
      const text = (await atomCount.textContent())?.trim();
      return text && /^[\d,]+$/.test(text) && Number(text.replace(/,/g, '')) > 0 ? text : null;
    },
    'the atom count of the sample',
    20_000,
  );

  // 2. A broken file through the file input: an alert with the line, the molecule still shown.
  await page.getByLabel('Structure file').setInputFiles({
    name: 'broken.xyz',
    mimeType: 'chemical/x-xyz',
    buffer: Buffer.from(BROKEN_XYZ),
  });
  const alert = page.locator('.structure-alert-region[role="alert"]');
  const message = await waitUntil(
    async () => {
      const text = (await alert.textContent())?.trim();
      return text?.includes('broken.xyz') ? text : null;
    },
    'the parse error alert',
    20_000,
  );
  if (!/line \d+/.test(message)) throw new Error(`The alert does not name a line: ${message}`);
  const after = (await atomCount.textContent())?.trim();
  if (after !== count)
    throw new Error(`The atom count changed from ${count} to ${after} after a failed load`);

  // 3. The canvas drew something, and Screenshot downloads a PNG.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.getByRole('button', { name: 'Screenshot' }).click(),
  ]);
  if (!download.suggestedFilename().endsWith('.png'))
    throw new Error(`Screenshot saved ${download.suggestedFilename()}, not a PNG`);
  await page.getByRole('button', { name: 'Reset view' }).click();

  // 4. The models' radius graph drawn over the molecule: the panel reports its edge count.
  await page.getByLabel('Radius graph').check();
  const edges = await waitUntil(
    async () => {
      const text = await page
        .getByText(/edges within/)
        .textContent()
        .catch(() => null);
      const m = text && /(\d+) edges within/.exec(text);
      return m ? Number(m[1]) : null;
    },
    'the radius graph edge count',
    20_000,
  );
  if (!(edges > 0)) throw new Error(`The radius graph of the sample has ${edges} edges`);
  await page.screenshot({ path: `${ARTIFACTS}structures-graph-1440x900.png` });
  await page.getByLabel('Radius graph').uncheck();

  // 5. Layout screenshots for review.
  await screenshotLayouts(page, 'structures', () => page.waitForTimeout(300));
}
