import { describe, expect, it } from 'vitest';
import { withDevice } from '../test/gpu-harness';
import { formatTpBenchTable } from './format-table';
import { runTpBenchmark } from './tp-bench';
import { BENCH_METHODS, benchCgPlan } from './tp-bench-cases';

describe('tp benchmark', () => {
  it('compares CG with the Gaunt routes on the same degrees: mimo keeps the even paths only', () => {
    const plan = benchCgPlan('mimo', 3, 2);
    expect(plan.irrepsIn1.toString()).toBe('2x0e+2x1o+2x2e+2x3o');
    expect(plan.paths.every((p) => (p.l1 + p.l2 + p.lOut) % 2 === 0)).toBe(true);
    expect(plan.paths).toHaveLength(
      // (l1, l2, l3) ≤ 3 with the triangle rule and an even sum.
      [0, 1, 2, 3].flatMap((a) =>
        [0, 1, 2, 3].flatMap((b) =>
          [0, 1, 2, 3].filter((c) => c >= Math.abs(a - b) && c <= a + b && (a + b + c) % 2 === 0),
        ),
      ).length,
    );
    const siso = benchCgPlan('siso', 3, 4);
    expect(siso.paths).toHaveLength(1);
    expect(siso.irrepsOut.toString()).toBe('4x3e');
  });

  it('produces a well-formed report at CI size (shape, not timings)', async () => {
    await withDevice(async (gpu) => {
      const report = await runTpBenchmark(gpu, {
        lmaxes: [1, 2],
        batch: 2,
        channels: 2,
        settings: ['siso', 'mimo'],
        methods: [...BENCH_METHODS],
        cpuBatch: 2,
        timing: { warmup: 0, maxRepeats: 3, budgetMs: 0 },
      });
      expect(report.peak.fma_gflops).toBeGreaterThan(0);
      expect(report.peak.copy_gbps).toBeGreaterThan(0);
      expect(report.adapter.name.length).toBeGreaterThan(0);
      expect(report.rows).toHaveLength(2 * 2 * BENCH_METHODS.length);
      for (const row of report.rows) {
        for (const key of ['fwd_ms', 'fwdbwd_ms', 'gflops', 'flops_fwd', 'flops_fwdbwd'] as const) {
          expect(Number.isFinite(row[key]) && row[key] > 0, `${row.method} ${key}`).toBe(true);
        }
        expect(row.flops_fwdbwd).toBeGreaterThan(row.flops_fwd);
        expect(row.peak_fraction === null).toBe(row.method === 'cpu');
      }
      const round = JSON.parse(JSON.stringify(report));
      expect(Object.keys(round)).toEqual(expect.arrayContaining(['adapter', 'peak', 'rows']));
      expect(Object.keys(round.rows[0])).toEqual(
        expect.arrayContaining(['method', 'lmax', 'setting', 'batch', 'fwd_ms', 'fwdbwd_ms', 'gflops']),
      );
      expect(formatTpBenchTable(report).split('\n')).toHaveLength(5 + report.rows.length);
    });
  });
});
