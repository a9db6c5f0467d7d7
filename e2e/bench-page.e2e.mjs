// End-to-end check of the Benchmarks page (run by e2e/run.mjs): a small tensor-product benchmark
// runs in the worker, reports progress row by row, and yields a table, a chart and a JSON file.
import { readFile } from 'node:fs/promises';
import { ARTIFACTS, screenshotLayouts, waitForGpu, waitUntil } from './helpers.mjs';

const METHODS = ['cg', 'gaunt-fft', 'gaunt-grid', 'gaunt-direct', 'cpu'];
const SETTINGS = ['siso', 'mimo'];
const LMAXES = [1, 2];
const ROWS = METHODS.length * SETTINGS.length * LMAXES.length;
// The software adapter is slow: a run of this size takes tens of seconds there.
const RUN_TIMEOUT_MS = 300_000;

async function setInteger(page, label, value) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Tab');
  const shown = await field.inputValue();
  if (shown !== String(value)) throw new Error(`${label} shows ${shown} after entering ${value}`);
}

async function progressValues(page) {
  const bar = page.getByRole('progressbar', { name: 'Benchmark progress' });
  if (!(await bar.count())) return null;
  const [now, max] = await Promise.all([
    bar.getAttribute('aria-valuenow'),
    bar.getAttribute('aria-valuemax'),
  ]);
  return { now: Number(now), max: Number(max) };
}

/**
 * Records every aria-valuenow the progress bar takes, inside the page (rows can finish faster than
 * a poll from here), so the test sees each step the store received from the worker.
 */
function recordProgress(page) {
  return page.evaluate(() => {
    window.__benchProgress = [];
    const record = () => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Benchmark progress"]');
      if (bar)
        window.__benchProgress.push({
          now: Number(bar.getAttribute('aria-valuenow')),
          rows: document.querySelectorAll('.bench-table tbody tr').length,
          running: document.querySelector('.results-header h2')?.textContent.startsWith('Current run'),
        });
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
}

/** Clicks Run and waits for the run to end; returns the distinct progress values the bar showed. */
async function runAndWatch(page) {
  await recordProgress(page);
  await page.getByRole('button', { name: 'Run benchmark' }).click();
  await waitUntil(
    async () => {
      const alert = page.locator('.sidebar [role="alert"]');
      if (await alert.count()) throw new Error(`Benchmark error: ${await alert.first().textContent()}`);
      return (await page.getByRole('button', { name: 'Run benchmark' }).count()) > 0;
    },
    'the benchmark to finish',
    RUN_TIMEOUT_MS,
  );
  const steps = await page.evaluate(() => window.__benchProgress);
  const seen = [...new Set(steps.map((s) => s.now))].sort((a, b) => a - b);
  const liveRows = Math.max(0, ...steps.filter((s) => s.running).map((s) => s.rows));
  const final = await progressValues(page);
  return { seen, liveRows, max: final?.max ?? 0, final };
}

async function tableRows(page) {
  return page.locator('.bench-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({
      method: r.getAttribute('data-method'),
      cells: [...r.children].map((c) => c.textContent.trim()),
    })),
  );
}

function checkRows(rows, where) {
  if (rows.length !== ROWS) throw new Error(`${where}: ${rows.length} table rows, expected ${ROWS}`);
  for (const method of METHODS) {
    const n = rows.filter((r) => r.method === method).length;
    if (n !== SETTINGS.length * LMAXES.length) throw new Error(`${where}: ${n} rows for ${method}`);
  }
  for (const row of rows) {
    const fwd = Number.parseFloat(row.cells[4]);
    if (!(fwd > 0)) throw new Error(`${where}: row ${row.cells.join(' | ')} has no forward time`);
  }
  const cgRatios = rows.filter((r) => r.method === 'cg').map((r) => r.cells[8]);
  if (cgRatios.some((r) => r !== '1.0×')) throw new Error(`${where}: cg vs cg is ${cgRatios.join(', ')}`);
}

async function download(page, buttonName) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const path = await file.path();
  if (!path) throw new Error(`${buttonName}: the download failed (${await file.failure()})`);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

export async function run(page, baseUrl) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/benchmarks', baseUrl).href);
  await waitForGpu(page);
  await page.getByLabel('Degrees from', { exact: true }).waitFor({ timeout: 30_000 });

  // 1. Small sizes through the labelled controls; every setting and method checked.
  await setInteger(page, 'Degrees to', 2);
  await setInteger(page, 'Degrees from', 1);
  await setInteger(page, 'Batch', 2);
  await setInteger(page, 'Channels', 2);
  for (const name of [...SETTINGS, ...METHODS]) {
    const box = page.getByRole('checkbox', { name, exact: true });
    if (!(await box.isChecked())) await box.check();
  }

  // 2. Run: the progress bar moves through intermediate values and ends full.
  const progress = await runAndWatch(page);
  if (progress.max !== 1 + ROWS) throw new Error(`Progress max ${progress.max}, expected ${1 + ROWS}`);
  // Rows this small take milliseconds, so several can land between two renders: ask for steps
  // past the peak probe (rows arriving live through comlink), not for every single one.
  if (!progress.seen.some((v) => v >= 2 && v < progress.max))
    throw new Error(`The progress bar did not move through the rows: saw ${progress.seen.join(', ')}`);
  if (progress.liveRows < 1) throw new Error('No table row appeared while the benchmark was running');
  if (progress.final?.now !== progress.max)
    throw new Error(`Progress ended at ${JSON.stringify(progress.final)}`);

  // 3. Results: summary with the peak, a row per (setting, L, method), and the plotly chart.
  const peak = Number.parseFloat(await page.getByLabel('Peak FMA GFLOP/s').textContent());
  if (!(peak > 0)) throw new Error(`Peak FMA shows ${peak}`);
  checkRows(await tableRows(page), 'after the run');
  await page.locator('.bench-plot svg.main-svg').first().waitFor({ timeout: 30_000 });
  const traces = await page.locator('.bench-plot .scatterlayer .trace').count();
  if (traces !== METHODS.length * SETTINGS.length) throw new Error(`The chart has ${traces} lines`);
  const yTitle = () => page.locator('.bench-plot .g-ytitle').textContent();
  await page.locator('label', { hasText: 'fwd+bwd' }).click();
  await waitUntil(async () => (await yTitle())?.includes('forward + backward'), 'the fwd+bwd y axis');
  await page.locator('label', { hasText: /^fwd$/ }).click();
  await waitUntil(async () => (await yTitle())?.startsWith('forward time'), 'the fwd y axis');

  // 4. Download JSON: exactly the report, with adapter, peak and timed rows.
  const json = await download(page, 'Download JSON');
  if (!/^gauntlet-bench-[\dT-]+\.json$/.test(json.name)) throw new Error(`JSON file named ${json.name}`);
  const report = JSON.parse(json.bytes.toString('utf8'));
  if (typeof report.adapter?.name !== 'string') throw new Error('The JSON has no adapter name');
  if (!(report.peak?.fma_gflops > 0 && report.peak?.copy_gbps > 0)) throw new Error('The JSON has no peak');
  if (report.rows?.length !== ROWS || !report.rows.every((r) => Number.isFinite(r.fwd_ms) && r.fwd_ms > 0))
    throw new Error(`The JSON rows are incomplete: ${JSON.stringify(report.rows?.slice(0, 2))}`);
  const png = await download(page, 'Download PNG');
  if (!png.name.endsWith('.png') || png.bytes.subarray(1, 4).toString() !== 'PNG')
    throw new Error(`Download PNG gave ${png.name} (${png.bytes.length} bytes)`);

  await screenshotLayouts(page, 'bench-page', () => page.waitForTimeout(300));
  await page.locator('.bench-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}bench-page-table-1440x900.png` });

  // 5. A reload keeps the report (localStorage).
  await page.reload();
  await waitForGpu(page);
  await page.locator('.bench-table').waitFor({ timeout: 30_000 });
  checkRows(await tableRows(page), 'after a reload');

  await page.getByLabel('Degrees from', { exact: true }).waitFor({ timeout: 30_000 });
  const remembered = await page.getByLabel('Degrees to', { exact: true }).inputValue();
  if (remembered !== '2')
    throw new Error(`After a reload "Degrees to" shows ${remembered}, not the chosen 2`);

  // 6. Cancel stops a second (longer) run between rows and keeps the last complete report.
  await setInteger(page, 'Degrees to', 5);
  await page.getByRole('button', { name: 'Run benchmark' }).click();
  await waitUntil(async () => (await progressValues(page))?.now >= 2, 'the second run to start', 60_000);
  await page.screenshot({ path: `${ARTIFACTS}bench-page-running-1440x900.png` });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await waitUntil(
    async () => (await page.getByRole('button', { name: 'Run benchmark' }).count()) > 0,
    'the cancelled run to stop',
    60_000,
  );
  const notice = await page.locator('.sidebar .note[role="status"]').textContent();
  if (!/Cancelled after \d+ of \d+/.test(notice ?? '')) throw new Error(`No cancel notice: ${notice}`);
  checkRows(await tableRows(page), 'after cancelling');
  return { peak, progress: progress.seen.length, json: json.name };
}
