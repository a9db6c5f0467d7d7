// Rendering benchmark of the Structures page: a generated point cloud (10⁵ points by default) is
// loaded through the file input of the built app in headless Chromium (SwiftShader WebGL), and the
// script reports the parse time in the engine worker, the time to the first frame, the longest
// main-thread task during the load, and frame times while the camera orbits.
//
//   npx vite build && node scripts/bench-render.mjs [points] [--json out.json]
//
// Prints a JSON report (one entry per PLY encoding: binary little-endian and ASCII).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, waitUntil } from '../e2e/helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const points = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const ORBIT_MS = 4_000;

/** Points on a noisy torus knot, seeded: the shape does not matter, the count does. */
function cloud(n) {
  let s = 12345;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const xyz = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = 2 + Math.cos(3 * t) + 0.3 * (rand() - 0.5);
    xyz[3 * i] = r * Math.cos(2 * t) * 10;
    xyz[3 * i + 1] = r * Math.sin(2 * t) * 10;
    xyz[3 * i + 2] = (Math.sin(3 * t) + 0.3 * (rand() - 0.5)) * 10;
  }
  return xyz;
}

function plyBinary(xyz) {
  const n = xyz.length / 3;
  const header = Buffer.from(
    `ply\nformat binary_little_endian 1.0\nelement vertex ${n}\nproperty float x\nproperty float y\nproperty float z\nend_header\n`,
  );
  return Buffer.concat([header, Buffer.from(xyz.buffer, xyz.byteOffset, xyz.byteLength)]);
}

function plyAscii(xyz) {
  const n = xyz.length / 3;
  const lines = [
    `ply\nformat ascii 1.0\nelement vertex ${n}\nproperty float x\nproperty float y\nproperty float z\nend_header`,
  ];
  for (let i = 0; i < n; i++)
    lines.push(`${xyz[3 * i].toFixed(4)} ${xyz[3 * i + 1].toFixed(4)} ${xyz[3 * i + 2].toFixed(4)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { frames: sorted.length, median_ms: q(0.5), p95_ms: q(0.95), max_ms: sorted.at(-1) };
}

async function measure(page, name, bytes) {
  await page.evaluate(() => {
    performance.clearMarks();
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
    window.__t0 = performance.now();
  });
  // A file on disk, not a buffer: Playwright would decode a buffer inside the page (a long task of its own).
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  await page.getByLabel('Structure file').setInputFiles(path);
  const count = page.getByLabel('Atom count');
  await waitUntil(
    async () =>
      (await count.count()) > 0 && (await count.textContent())?.replace(/,/g, '') === String(points),
    `${points} points shown`,
    300_000,
  );
  const load = await waitUntil(
    () =>
      page.evaluate(() => {
        const first = performance.getEntriesByName('structure:first-frame').at(-1);
        const set = performance.getEntriesByName('structure:set-frame').at(-1);
        if (!first || !set) return null;
        // Two more animation frames: the first frame has been presented, not only submitted.
        return new Promise((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve({
                to_scene_ms: set.startTime - window.__t0,
                scene_build_ms: first.startTime - set.startTime,
                to_first_frame_ms: first.startTime - window.__t0,
                to_presented_ms: performance.now() - window.__t0,
              }),
            ),
          ),
        );
      }),
    'the first frame',
    120_000,
  );
  const parseText = await page.getByLabel('Parse time').textContent();
  const longest = await page.evaluate(() => window.__longest);

  // Orbit: drag across the canvas for ORBIT_MS while counting animation frames.
  const box = await page.locator('.structure-view-frame canvas').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__frames.length < 10_000 && !window.__stop) requestAnimationFrame(tick);
    };
    window.__stop = false;
    requestAnimationFrame(tick);
  });
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const started = Date.now();
  let k = 0;
  while (Date.now() - started < ORBIT_MS) {
    k++;
    await page.mouse.move(cx + 200 * Math.sin(k / 10), cy + 80 * Math.cos(k / 10));
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    window.__stop = true;
    return window.__frames.slice(1);
  });
  return {
    file: name,
    bytes: bytes.length,
    points,
    worker_parse_ms: Number.parseFloat(parseText ?? 'NaN'),
    ...load,
    longest_main_thread_task_ms: longest,
    orbit: { ...stats(frames), pointer_moves: k },
  };
}

const server = await preview({ root, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
const baseUrl = `http://127.0.0.1:${server.httpServer.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
const results = [];
const scratch = mkdtempSync(join(tmpdir(), 'bench-render-'));
try {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(new URL('#/structures', baseUrl).href);
  await page.getByRole('heading', { name: 'Structures', level: 1 }).waitFor();
  const xyz = cloud(points);
  results.push(await measure(page, `cloud-${points}.ply`, plyBinary(xyz)));
  if (!args.includes('--binary-only'))
    results.push(await measure(page, `cloud-${points}-ascii.ply`, plyAscii(xyz)));
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown';
  });
  const report = {
    date: new Date().toISOString(),
    renderer,
    viewport: '1440x900',
    // Other jobs share this machine's cores: the load average says how much.
    load_average_1min: loadavg()[0],
    results,
  };
  console.log(JSON.stringify(report, null, 2));
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
