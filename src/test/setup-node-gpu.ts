import { afterAll } from 'vitest';
import { releaseTestGpu } from './gpu-harness';

// Every test file that opened a device closes it, so the worker process can exit.
afterAll(releaseTestGpu);
