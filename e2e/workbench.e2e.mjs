// End-to-end check of the Structures workbench (run by e2e/run.mjs): SMILES → 3D (and a bad SMILES
// that keeps the molecule), per-atom colours with a legend and force arrows, per-atom export,
// keyboard shortcuts with the shortcut dialog, and a link in the URL hash that reproduces the view.
import { ARTIFACTS, screenshotLayouts, waitUntil } from './helpers.mjs';

// Two atoms with a charge column and forces (extended XYZ).
const WITH_FORCES =
  '3\nProperties=species:S:1:pos:R:3:charge:R:1:forces:R:3\n' +
  'O 0 0 0.0656 -0.8 0.0 0.0 0.5\nH 0 0.757 -0.52 0.4 0.0 0.3 -0.2\nH 0 -0.757 -0.52 0.4 0.0 -0.3 -0.2\n';

async function atomCountOf(page) {
  const atomCount = page.getByLabel('Atom count');
  return waitUntil(
    async () => {
      if ((await atomCount.count()) === 0) return null;
      const text = (await atomCount.textContent())?.trim();
      return text && /^\d+$/.test(text) ? Number(text) : null;
    },
    'an atom count',
    30_000,
  );
}

async function waitForCount(page, expected, what) {
  const atomCount = page.getByLabel('Atom count');
  await waitUntil(async () => (await atomCount.textContent())?.trim() === String(expected), what, 60_000);
}

export async function run(page, baseUrl) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/structures', baseUrl).href);
  await page.getByRole('heading', { name: 'Structures', level: 1 }).waitFor();

  // 1. SMILES → 3D: aspirin has 21 atoms with hydrogens.
  const smiles = page.getByRole('textbox', { name: 'SMILES' });
  await smiles.fill('CC(=O)Oc1ccccc1C(=O)O');
  await page.getByRole('button', { name: 'Build 3D' }).click();
  await waitForCount(page, 21, 'aspirin (21 atoms) from SMILES');
  const formula = (await page.getByLabel('Formula').textContent())?.trim();
  if (formula !== 'C9H8O4') throw new Error(`aspirin's formula reads ${formula}`);
  await waitUntil(
    async () => new URL(page.url()).hash.includes('smiles='),
    'the SMILES in the URL hash',
    5_000,
  );

  // 2. A bad SMILES: the alert names the column, aspirin stays.
  await smiles.fill('C1CC(');
  await page.getByRole('button', { name: 'Build 3D' }).click();
  const alert = page.locator('.structure-alert-region[role="alert"]');
  const message = await waitUntil(
    async () => {
      const text = (await alert.textContent())?.trim();
      return text?.includes('C1CC(') ? text : null;
    },
    'the SMILES error',
    30_000,
  );
  if (!/column 6/.test(message)) throw new Error(`The SMILES error does not name column 6: ${message}`);
  if ((await atomCountOf(page)) !== 21) throw new Error('The molecule changed after a bad SMILES');
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  // 3. Per-atom colours with a legend: coordination number.
  await page.getByLabel('Colour atoms by').selectOption('Coordination number');
  const legend = page.getByRole('figure', { name: /Colour legend/ });
  await legend.waitFor({ timeout: 10_000 });
  const max = (await legend.getByLabel('Scalar maximum').textContent())?.trim();
  if (max !== '4.00') throw new Error(`aspirin's largest coordination reads ${max}, expected 4.00`);

  // 4. Export: JSON and CSV downloads.
  for (const [name, ext] of [
    ['Export JSON', '.json'],
    ['Export CSV', '.csv'],
  ]) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name }).click(),
    ]);
    if (!download.suggestedFilename().endsWith(ext))
      throw new Error(`${name} saved ${download.suggestedFilename()}`);
    const text = await (await download.createReadStream()).toArray();
    const body = Buffer.concat(text).toString('utf8');
    if (ext === '.csv' && body.trim().split('\n').length !== 22)
      throw new Error('The CSV does not have 21 atom rows');
    if (ext === '.json' && JSON.parse(body).atoms !== 21) throw new Error('The JSON does not have 21 atoms');
  }

  // 5. Shortcuts: `?` opens a labelled dialog, Esc closes it; an arrow key turns the structure.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor({ timeout: 5_000 });
  await page.keyboard.press('Escape');
  await waitUntil(async () => !(await dialog.isVisible()), 'the shortcut dialog to close', 5_000);
  await page.keyboard.press('ArrowRight');
  await waitUntil(
    async () => new URL(page.url()).hash.includes('rot='),
    'the rotation in the URL hash',
    5_000,
  );
  await page.screenshot({ path: `${ARTIFACTS}workbench-smiles-1440x900.png` });

  // 6. The link reproduces the view in a fresh page: same molecule, same rotation.
  const link = page.url();
  const copy = await page.context().newPage();
  await copy.goto(link);
  await waitForCount(copy, 21, 'aspirin from the link');
  await waitUntil(
    async () => new URL(copy.url()).hash.includes('rot='),
    'the rotation kept by the link',
    10_000,
  );
  await copy.close();

  // 7. Forces from an extended XYZ file drawn as arrows, charges as colours.
  await page.getByLabel('Paste structure').fill(WITH_FORCES);
  await page.getByRole('button', { name: 'Load pasted' }).click();
  await waitForCount(page, 3, 'the pasted water');
  await page.getByRole('combobox', { name: 'Arrows' }).selectOption('Forces (file)');
  await page.getByLabel('Colour atoms by').selectOption('charge (file)');
  await page.getByRole('list', { name: 'Arrow legend' }).waitFor({ timeout: 5_000 });
  await screenshotLayouts(page, 'workbench-forces', () => page.waitForTimeout(300));
}
