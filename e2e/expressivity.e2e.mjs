// End-to-end check of the Expressivity page (run by e2e/run.mjs): the interactability table is
// measured on the GPU and shows what CG and the Gaunt routes can produce.
import { screenshotLayouts, waitForGpu, waitUntil } from './helpers.mjs';

const GAUNT = ['gaunt-direct', 'gaunt-fft', 'gaunt-grid'];

/** Waits for the table of `irrep1 ⊗ irrep2` (caption) with no measurement in flight. */
async function waitForTable(page, irrep1, irrep2) {
  const region = page.getByRole('region', { name: 'Interactability table' });
  await waitUntil(async () => {
    const alert = region.getByRole('alert');
    if (await alert.count()) throw new Error(`Expressivity error: ${await alert.first().textContent()}`);
    const caption =
      (await region
        .locator('caption')
        .textContent()
        .catch(() => '')) ?? '';
    return (await region.getAttribute('aria-busy')) !== 'true' && caption.includes(`${irrep1} ⊗ ${irrep2}`);
  }, `the ${irrep1} ⊗ ${irrep2} table`);
  return region;
}

/** Each named cell must exist exactly once (cells carry "cg produces 1e"-style accessible names). */
async function expectCells(region, names) {
  for (const name of names) {
    const count = await region.getByRole('cell', { name, exact: true }).count();
    if (count !== 1) throw new Error(`Expected one cell named "${name}", found ${count}`);
  }
}

export async function run(page, baseUrl) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/expressivity', baseUrl).href);
  await waitForGpu(page);

  // 1. The default pair 1o ⊗ 1o: CG makes the cross product 1e, no Gaunt route does; 0e and 2e both.
  let region = await waitForTable(page, '1o', '1o');
  await expectCells(region, [
    'cg produces 1e',
    ...GAUNT.map((m) => `${m} does not produce 1e`),
    'cg produces 0e',
    ...GAUNT.map((m) => `${m} produces 0e`),
    ...GAUNT.map((m) => `${m} produces 2e`),
    'cg does not produce 0o',
  ]);
  const crossRow = region.locator('tr[data-irrep="1e"]');
  if (!(await crossRow.getAttribute('class'))?.includes('odd-path'))
    throw new Error('The 1e row of 1o ⊗ 1o (odd path 1+1+1) is not highlighted');
  const title = await region.getByRole('cell', { name: 'cg produces 1e', exact: true }).getAttribute('title');
  if (!/relative norm \d/.test(title ?? ''))
    throw new Error(`The cg/1e cell has no measured norm: "${title}"`);
  await screenshotLayouts(page, 'expressivity-1o-1o');

  // 2. Typing an invalid irrep flags the field and keeps the table; a valid one updates it.
  const second = page.getByLabel('Second input irrep');
  await second.fill('2');
  if ((await second.getAttribute('aria-invalid')) !== 'true') throw new Error('"2" is accepted as an irrep');
  await second.fill('2e');
  region = await waitForTable(page, '1o', '2e');
  // 1o ⊗ 2e → 1o, 2o, 3o by CG; Gaunt keeps the even paths (1o, 3o) and misses 2o.
  await expectCells(region, [
    'cg produces 1o',
    'cg produces 2o',
    'cg produces 3o',
    ...GAUNT.map((m) => `${m} does not produce 2o`),
    ...GAUNT.map((m) => `${m} produces 3o`),
    'cg does not produce 2e',
  ]);
  const rowCount = await region.locator('tbody tr').count();
  if (rowCount !== 6) throw new Error(`1o ⊗ 2e shows ${rowCount} candidate rows, expected 6 (l = 1…3, e/o)`);

  // 3. A pseudovector input is not a spherical signal: the Gaunt columns are n/a.
  await page.getByRole('button', { name: '1e ⊗ 1o' }).click();
  region = await waitForTable(page, '1e', '1o');
  await expectCells(region, ['cg produces 1o', 'gaunt-fft n/a for 1o: the inputs are not spherical signals']);
  if (!(await region.getByRole('note').count())) throw new Error('No note explains the n/a Gaunt columns');
  await screenshotLayouts(page, 'expressivity-1e-1o');
}
