import type { TpBenchReport } from './tp-bench';

const fmt = (v: number, digits = 3) => (v >= 100 ? v.toFixed(0) : v.toPrecision(digits));

/** A plain-text table of a benchmark report, for terminals and docs (Markdown-compatible). */
export function formatTpBenchTable(report: TpBenchReport): string {
  const lines = [
    `adapter: ${report.adapter.name}${report.adapter.isFallback ? ' (software adapter)' : ''}`,
    `peak: ${fmt(report.peak.fma_gflops)} GFLOP/s FMA, ${fmt(report.peak.copy_gbps)} GB/s copy`,
    '',
    '| setting | L | method | batch | fwd ms | fwd+bwd ms | GFLOP/s | % of peak |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of report.rows) {
    const peak = r.peak_fraction === null ? '—' : `${(100 * r.peak_fraction).toFixed(1)}%`;
    lines.push(
      `| ${r.setting} | ${r.lmax} | ${r.method} | ${r.batch} | ${fmt(r.fwd_ms)} | ${fmt(r.fwdbwd_ms)} | ${fmt(r.gflops)} | ${peak} |`,
    );
  }
  return lines.join('\n');
}
