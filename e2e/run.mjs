// End-to-end runner: serves the built app (dist/) with vite preview, opens it in headless Chromium
// with a software WebGPU adapter, and runs every e2e/*.e2e.mjs (each exports `run(page, baseUrl)`).
// Prints one line per spec and a closing "N passed, N failed" line.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { CHROMIUM_ARGS };

if (!existsSync(join(root, 'dist', 'index.html')))
  throw new Error('dist/ is missing: run `vite build` first');
if (!existsSync(CHROMIUM))
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (see .ci/run)`);
mkdirSync(join(here, 'artifacts'), { recursive: true });

const filter = process.argv[2];
const specs = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && (!filter || f.includes(filter)))
  .sort();

const server = await preview({
  root,
  preview: { port: 0, host: '127.0.0.1', strictPort: false },
  logLevel: 'error',
});
const address = server.httpServer.address();
const baseUrl = `http://127.0.0.1:${address.port}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

let passed = 0;
let failed = 0;
for (const spec of specs) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const started = Date.now();
  try {
    const mod = await import(pathToFileURL(join(here, spec)).href);
    await mod.run(page, baseUrl, { browser, chromiumPath: CHROMIUM, chromiumArgs: CHROMIUM_ARGS, problems });
    const unexpected = problems.filter((p) => !(mod.allowedProblems ?? []).some((re) => re.test(p)));
    if (unexpected.length) throw new Error(unexpected.join('\n'));
    passed++;
    console.log(`ok   ${spec} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed++;
    await page.screenshot({ path: join(here, 'artifacts', `${spec}.failure.png`) }).catch(() => {});
    console.log(`FAIL ${spec}: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  } finally {
    await context.close();
  }
}
await browser.close();
await new Promise((resolve) => server.httpServer.close(resolve));
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed || specs.length === 0 ? 1 : 0);
