import { describe, expect, it } from 'vitest';
import type { ExpressivityReport } from '../engine/types';
import { irrepInputProblem } from './irrep-input';
import { createGauntletStore } from './store';
import { fakeEnginePort, flush, memoryStorage } from './test-engine-port';

function report(irrep1: string, irrep2: string): ExpressivityReport {
  return { irrep1, irrep2, gauntApplicable: true, rows: [], threshold: 1e-4 };
}

async function readyStore() {
  const fake = fakeEnginePort();
  const store = createGauntletStore(fake.port, { storage: memoryStorage() });
  await store.getState().connect();
  return { fake, store };
}

describe('expressivity slice', () => {
  it('validates irrep text', () => {
    expect(irrepInputProblem('1o')).toBeNull();
    expect(irrepInputProblem(' 2e ')).toBeNull();
    expect(irrepInputProblem('')).toMatch(/Enter/);
    expect(irrepInputProblem('2')).toMatch(/not an irrep/);
    expect(irrepInputProblem('1x1o')).toMatch(/not an irrep/);
    expect(irrepInputProblem('7e')).toMatch(/above 6/);
  });

  it('measures the default pair on refresh and a new valid pair on input, never an invalid one', async () => {
    const { fake, store } = await readyStore();
    store.getState().refreshExpressivity();
    expect(fake.expressivity.map((r) => r.pair)).toEqual([['1o', '1o']]);
    fake.expressivity[0].resolve(report('1o', '1o'));
    await flush();
    expect(store.getState().expressivity).toMatchObject({ busy: false, report: { irrep1: '1o' } });

    store.getState().setExpressivityInputs('1o', '2');
    expect(fake.expressivity).toHaveLength(1);
    expect(store.getState().expressivity.irrep2).toBe('2');
    store.getState().setExpressivityInputs('1o', '02e');
    expect(fake.expressivity.at(-1)?.pair).toEqual(['1o', '2e']);
    // The same pair again does not measure twice.
    store.getState().setExpressivityInputs('1o', '2e');
    expect(fake.expressivity).toHaveLength(2);
  });

  it('keeps only the newest answer and keeps the last table on an error', async () => {
    const { fake, store } = await readyStore();
    store.getState().setExpressivityInputs('1o', '2e');
    store.getState().setExpressivityInputs('2e', '2e');
    const [older, newer] = fake.expressivity;
    newer.resolve(report('2e', '2e'));
    older.resolve(report('1o', '2e'));
    await flush();
    expect(store.getState().expressivity.report?.irrep1).toBe('2e');

    store.getState().setExpressivityInputs('1e', '1o');
    fake.expressivity[2].reject(new Error('kernel failed'));
    await flush();
    expect(store.getState().expressivity).toMatchObject({ busy: false, report: { irrep1: '2e' } });
    expect(store.getState().expressivity.error).toContain('1e ⊗ 1o: kernel failed');
  });
});
