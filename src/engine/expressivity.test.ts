import { describe, expect, it } from 'vitest';
import { testGpu } from '../test/gpu-harness';
import { expressivityOf } from './expressivity';

describe('expressivity table', () => {
  it('shows the cross product 1o ⊗ 1o → 1e reachable by CG and not by any Gaunt route', async () => {
    const report = await expressivityOf('1o', '1o', await testGpu());
    const row = (ir: string) => report.rows.find((r) => r.irrep === ir)!;
    expect(report.gauntApplicable).toBe(true);
    for (const ir of ['0e', '1e', '2e']) expect(row(ir).cells.cg.reachable, `cg ${ir}`).toBe(true);
    for (const ir of ['0o', '1o', '2o']) expect(row(ir).cells.cg.reachable, `cg ${ir}`).toBe(false);
    for (const method of ['gaunt-direct', 'gaunt-fft', 'gaunt-grid'] as const) {
      expect(row('0e').cells[method].reachable, method).toBe(true);
      expect(row('2e').cells[method].reachable, method).toBe(true);
      expect(row('1e').cells[method].reachable, `${method} cross product`).toBe(false);
      expect(row('1o').cells[method].reachable, `${method} odd path`).toBe(false);
    }
    expect(row('1e').pathParity).toBe('odd');
  });

  it('marks Gaunt not applicable to inputs that are not spherical signals', async () => {
    const report = await expressivityOf('1e', '2e', await testGpu());
    expect(report.gauntApplicable).toBe(false);
    expect(report.rows.every((r) => r.cells['gaunt-grid'].reachable === null)).toBe(true);
    expect(report.rows.find((r) => r.irrep === '2e')!.cells.cg.reachable).toBe(true);
  });

  it('rejects malformed irreps with a clear message', async () => {
    await expect(expressivityOf('1x', '1o', await testGpu())).rejects.toThrow(/first input/);
  });
});
