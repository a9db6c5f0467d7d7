import type { TpBenchRow } from '../../bench/tp-bench';
import { speedVsCg } from '../bench-ratios';
import { formatMs, formatRatio, formatValue } from '../format';

const TIMING_NOTE: Record<TpBenchRow['timing'], string> = {
  timestamp: 'GPU timestamp queries',
  wall: 'wall time from submit to completion (no timestamp queries)',
  cpu: 'CPU wall time',
};

/** One row per (setting, degree, method), in the order the run measured them. */
export function BenchTable({ rows, caption }: { rows: readonly TpBenchRow[]; caption: string }) {
  const ratios = speedVsCg(rows);
  return (
    <div className="table-scroll">
      <table className="data-table bench-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Setting</th>
            <th scope="col">L</th>
            <th scope="col" className="num">
              Batch
            </th>
            <th scope="col" className="num">
              fwd ms
            </th>
            <th scope="col" className="num">
              fwd+bwd ms
            </th>
            <th scope="col" className="num" title="Forward FLOPs this method's algorithm performs ÷ its time">
              GFLOP/s
            </th>
            <th scope="col" className="num" title="Forward GFLOP/s ÷ the adapter's measured FMA peak">
              % of peak
            </th>
            <th
              scope="col"
              className="num"
              title="Forward speed relative to cg at the same setting and L, per sample (above 1× is faster)"
            >
              vs cg
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const ratio = ratios.get(row) ?? null;
            return (
              <tr key={`${row.setting}-${row.lmax}-${row.method}`} data-method={row.method}>
                <th scope="row" className="mono">
                  {row.method}
                </th>
                <td>{row.setting}</td>
                <td className="mono">{row.lmax}</td>
                <td className="num mono">{row.batch}</td>
                <td className="num mono" title={`${row.fwd_ms} ms, ${TIMING_NOTE[row.timing]}`}>
                  {formatMs(row.fwd_ms)}
                </td>
                <td className="num mono" title={`${row.fwdbwd_ms} ms, ${TIMING_NOTE[row.timing]}`}>
                  {formatMs(row.fwdbwd_ms)}
                </td>
                <td className="num mono" title={`fwd+bwd: ${formatValue(row.fwdbwd_gflops)} GFLOP/s`}>
                  {formatValue(row.gflops)}
                </td>
                <td className="num mono">
                  {row.peak_fraction === null ? '—' : `${(100 * row.peak_fraction).toFixed(1)}%`}
                </td>
                <td className={`num mono ${ratio !== null && ratio > 1 ? 'faster' : ''}`}>
                  {ratio === null ? '—' : formatRatio(ratio)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
