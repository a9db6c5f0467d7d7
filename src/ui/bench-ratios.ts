import type { TpBenchRow } from '../bench/tp-bench';

/**
 * Forward speed of each row relative to CG at the same setting and degree: CG's time per sample
 * divided by the row's (so 2 means twice as fast as CG). Per sample because the CPU twin runs on
 * a smaller batch than the GPU methods. null where that (setting, degree) has no CG row.
 */
export function speedVsCg(rows: readonly TpBenchRow[]): Map<TpBenchRow, number | null> {
  const perSample = (row: TpBenchRow) => row.fwd_ms / row.batch;
  const cg = new Map<string, TpBenchRow>();
  for (const row of rows) if (row.method === 'cg') cg.set(`${row.setting}:${row.lmax}`, row);
  const ratios = new Map<TpBenchRow, number | null>();
  for (const row of rows) {
    const reference = cg.get(`${row.setting}:${row.lmax}`);
    ratios.set(row, reference && perSample(row) > 0 ? perSample(reference) / perSample(row) : null);
  }
  return ratios;
}
