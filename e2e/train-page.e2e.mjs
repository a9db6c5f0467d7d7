// End-to-end check of the Train page (run by e2e/run.mjs): train NequIP on Tetris in the worker,
// watch the loss fall and the rotated-test accuracy rise, pause (the run is checkpointed into
// IndexedDB), reload, find the run still listed, restore it and train it to the end.
import { readFile } from 'node:fs/promises';
import { ARTIFACTS, screenshotLayouts, waitForGpu, waitUntil } from './helpers.mjs';

// Small enough for SwiftShader (a Tetris NequIP step takes ~0.1–0.3 s there, an evaluation ~1 s).
const STEPS = 60;
const PAUSE_AFTER = 40;
const RUN_TIMEOUT_MS = 240_000;

async function setInteger(page, label, value) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Tab');
  const shown = await field.inputValue();
  if (shown !== String(value)) throw new Error(`${label} shows ${shown} after entering ${value}`);
}

async function progress(page) {
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  if (!(await bar.count())) return null;
  return {
    now: Number(await bar.getAttribute('aria-valuenow')),
    max: Number(await bar.getAttribute('aria-valuemax')),
  };
}

/** The curves as plotly holds them (the chart div carries its figure's data). */
function curves(page) {
  return page.evaluate(() => {
    const series = (selector) => {
      const div = document.querySelector(selector);
      return (div?.data ?? []).map((t) => ({ name: t.name, x: [...t.x], y: [...t.y] }));
    };
    return { loss: series('.train-loss-plot')[0] ?? null, metric: series('.train-metric-plot') };
  });
}

async function failOnAlert(page) {
  const alert = page.locator('.sidebar [role="alert"]');
  if (await alert.count()) throw new Error(`Train page error: ${await alert.first().textContent()}`);
}

async function waitForStep(page, step, what) {
  return waitUntil(
    async () => {
      await failOnAlert(page);
      const p = await progress(page);
      return p && p.now >= step ? p : null;
    },
    what,
    RUN_TIMEOUT_MS,
  );
}

export async function run(page, baseUrl) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(new URL('#/train', baseUrl).href);
  await page.getByRole('heading', { name: 'Train', level: 1 }).waitFor();
  await waitForGpu(page);

  // 1. Tetris + NequIP (Clebsch–Gordan) through the labelled controls.
  await page.getByLabel('Data set').selectOption('tetris');
  await page.getByLabel('Model').selectOption('nequip');
  await page.getByLabel('Tensor product').selectOption('cg');
  await setInteger(page, 'Steps', STEPS);
  await setInteger(page, 'Read loss every', 2);
  await setInteger(page, 'Seed', 0);
  // docs/results.md: channels 4, L 1 reach 100 % in 60 steps at ~0.15 s per step on SwiftShader.
  await setInteger(page, 'Channels', 4);
  await setInteger(page, 'Max degree L', 1);
  // The tensor-product picker is for NequIP only.
  await page.getByLabel('Model').selectOption('mlp');
  if (await page.getByLabel('Tensor product').count()) throw new Error('The TP picker shows for the MLP');
  await page.getByLabel('Model').selectOption('nequip');

  // 2. Play; the progress bar, the speed and the loss curve move.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 60_000 });
  await waitForStep(page, PAUSE_AFTER, `step ${PAUSE_AFTER}`);
  const speed = await page.getByLabel('Steps per second').textContent();
  if (!/^[\d.]+ steps\/s$/.test(speed ?? '')) throw new Error(`The speed reads "${speed}"`);
  await page.screenshot({ path: `${ARTIFACTS}train-page-running-1440x900.png` });

  // 3. Pause: the run is evaluated and checkpointed into IndexedDB.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const paused = await waitUntil(
    async () => {
      await failOnAlert(page);
      const note =
        (await page
          .locator('.sidebar .note[role="status"]')
          .textContent()
          .catch(() => '')) ?? '';
      const m = /Paused at step (\d+)/.exec(note);
      return m && (await page.locator('.train-run').count()) > 0 ? Number(m[1]) : null;
    },
    'the pause and its checkpoint',
    RUN_TIMEOUT_MS,
  );
  if (!(paused >= PAUSE_AFTER && paused < STEPS)) throw new Error(`Paused at step ${paused}`);
  const first = await curves(page);
  if (!first.loss || first.loss.y.length < 4) throw new Error(`Loss curve: ${JSON.stringify(first.loss)}`);
  const [l0, l1] = [first.loss.y[0], first.loss.y.at(-1)];
  if (!(l1 < l0)) throw new Error(`The loss did not fall: ${first.loss.y.join(', ')}`);
  const accuracy = first.metric.find((s) => /accuracy/.test(s.name));
  if (!accuracy || accuracy.y.length < 2) throw new Error(`Accuracy curve: ${JSON.stringify(first.metric)}`);
  if (!(Math.max(...accuracy.y) > accuracy.y[0]))
    throw new Error(`The accuracy did not rise: ${accuracy.y.join(', ')}`);
  // NequIP's rotation error is float32 rounding: near the floor the engine measured (one ulp of input).
  const equivariance = Number(await page.getByLabel('Equivariance error').textContent());
  const floor = Number((await page.getByLabel('Float32 floor').textContent()).replace('floor', ''));
  const verdict = await page.locator('.train-summary .verdict').textContent();
  if (
    !(equivariance > 0 && floor > 0 && equivariance < 10 * floor) ||
    verdict !== 'equivariant (float32 rounding)'
  )
    throw new Error(`NequIP's equivariance error reads ${equivariance} (floor ${floor}): "${verdict}"`);
  await screenshotLayouts(page, 'train-page', () => page.waitForTimeout(400));

  // 4. Reload: the run and its checkpoint are still listed; restore brings back step and curves.
  await page.reload();
  await waitForGpu(page);
  const entry = page.locator('.train-run', { hasText: `step ${paused}/${STEPS}` });
  await entry.first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${ARTIFACTS}train-page-reloaded-1440x900.png` });
  const restore = entry.first().getByRole('button', { name: /^Restore tetris · nequip \(cg\)/ });
  await restore.click();
  await waitUntil(
    async () => {
      await failOnAlert(page);
      return /Restored at step/.test(
        (await page
          .locator('.sidebar .note[role="status"]')
          .textContent()
          .catch(() => '')) ?? '',
      );
    },
    'the restore',
    60_000,
  );
  const restored = await progress(page);
  if (restored?.now !== paused || restored?.max !== STEPS)
    throw new Error(`Restored progress ${JSON.stringify(restored)}, expected ${paused}/${STEPS}`);
  await waitUntil(
    async () => (await curves(page)).loss?.y.length === first.loss.y.length,
    'the restored loss curve',
    30_000,
  );
  if ((await page.getByLabel('Steps', { exact: true }).inputValue()) !== String(STEPS))
    throw new Error('The restored run does not show its own settings');

  // 5. Play continues the restored run (no new run) to the end; the end is checkpointed too.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForStep(page, STEPS, 'the end of the run');
  await waitUntil(
    async () =>
      /Finished all/.test(
        (await page
          .locator('.sidebar .note[role="status"]')
          .textContent()
          .catch(() => '')) ?? '',
      ),
    'the finish notice',
    RUN_TIMEOUT_MS,
  );
  await waitUntil(
    async () => (await page.locator('.train-run', { hasText: `step ${STEPS}/${STEPS}` }).count()) === 1,
    'the finished run saved over its entry',
    30_000,
  );
  const runs = await page.locator('.train-run').count();
  if (runs !== 1) throw new Error(`${runs} saved runs; the restored run should have kept its entry`);
  const end = await curves(page);
  const finalAccuracy = end.metric.find((s) => /accuracy/.test(s.name))?.y.at(-1);
  if (!(finalAccuracy > accuracy.y[0])) throw new Error(`Final accuracy ${finalAccuracy}%`);
  await page.screenshot({ path: `${ARTIFACTS}train-page-finished-1440x900.png` });

  // 6. Export the run as JSON, import it back (a second saved run), delete the copy.
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Export checkpoint JSON' }).click(),
  ]);
  const path = await file.path();
  const bytes = await readFile(path);
  const json = JSON.parse(bytes.toString('utf8'));
  if (
    json.format !== 'gauntlet-train-run-1' ||
    json.request?.dataset !== 'tetris' ||
    json.checkpoint?.state?.step !== STEPS
  )
    throw new Error(`Exported ${file.suggestedFilename()}: ${bytes.toString('utf8').slice(0, 200)}`);
  if (!/^gauntlet-train-tetris-nequip-step60-[\dT-]+\.json$/.test(file.suggestedFilename()))
    throw new Error(`Export named ${file.suggestedFilename()}`);
  await page.getByLabel('Import checkpoint JSON').setInputFiles({
    name: 'exported.json',
    mimeType: 'application/json',
    buffer: bytes,
  });
  await waitUntil(async () => (await page.locator('.train-run').count()) === 2, 'the imported run', 60_000);
  await failOnAlert(page);
  const copy = page.locator('.train-run.current');
  await copy.getByRole('button', { name: /^Delete / }).click();
  await waitUntil(async () => (await page.locator('.train-run').count()) === 1, 'the deleted copy', 30_000);
  return { paused, finalAccuracy, equivariance, floor };
}
