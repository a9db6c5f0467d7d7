import { afterAll, describe, expect, it } from 'vitest';
import { releaseTestGpu, testGpu } from '../test/gpu-harness';
import type { TrainEvent } from './train-session';
import { TrainSession } from './train-session';

// Its own file: the simulated loss replaces the file's test device.
afterAll(releaseTestGpu);

describe('TrainSession on device loss', () => {
  it('drops the run with a clear message and trains again on the recovered device', async () => {
    const gpu = await testGpu();
    const session = new TrainSession(testGpu);
    const events: TrainEvent[] = [];
    let stopped: (e: TrainEvent) => void = () => {};
    const stop = new Promise<TrainEvent>((resolve) => {
      stopped = resolve;
    });
    let firstStep: () => void = () => {};
    const stepped = new Promise<void>((resolve) => {
      firstStep = resolve;
    });
    const request = { dataset: 'tetris', model: 'mlp', steps: 10_000, logEvery: 1 } as const;
    await session.start(request, (e) => {
      events.push(e);
      if (e.kind === 'step') firstStep();
      if (e.kind === 'stopped') stopped(e);
    });
    await stepped;
    gpu.simulateDeviceLoss();
    expect(await stop).toMatchObject({ kind: 'stopped', reason: 'error', message: /device was lost/ });
    expect(session.current()).toBeNull();
    await expect(session.pause()).rejects.toThrow(/no training run/);

    const again = await session.start({ ...request, steps: 2 }, () => {}, { paused: true });
    expect(again.step).toBe(0);
    expect(await session.stepOnce()).toMatchObject({ step: 1 });
    await session.dispose();
  });
});
