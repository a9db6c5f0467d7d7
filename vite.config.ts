import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config for the app build, vitest and the CLI (vite-node): WGSL is imported with `?raw`
// everywhere, so the browser bundle, the tests and the CLI load shaders the same way.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  // plotly (~4.6 MB) is its own lazily loaded chunk, fetched only by the Benchmarks page.
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup-node-gpu.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
