import type { ExpressivityReport } from '../../engine/types';
import { formatSci } from '../format';

type Row = ExpressivityReport['rows'][number];
type Method = keyof Row['cells'];

const COLUMNS: { method: Method; title: string }[] = [
  { method: 'cg', title: 'CG' },
  { method: 'gaunt-direct', title: 'Gaunt (direct)' },
  { method: 'gaunt-fft', title: 'Gaunt (FFT)' },
  { method: 'gaunt-grid', title: 'Gaunt (grid)' },
];

/** Symbol, class, accessible name and tooltip of one cell. */
function describeCell(method: Method, irrep: string, cell: Row['cells'][Method], threshold: number) {
  const measured =
    cell.relativeNorm === null
      ? ''
      : `relative norm ${formatSci(cell.relativeNorm)} (threshold ${formatSci(threshold)})`;
  if (cell.reachable === null)
    return {
      symbol: 'n/a',
      kind: 'na',
      label: `${method} n/a for ${irrep}: the inputs are not spherical signals`,
      title: 'Gaunt products take spherical signals: each input must have parity (−1)^l',
    };
  if (cell.reachable)
    return { symbol: '✓', kind: 'yes', label: `${method} produces ${irrep}`, title: measured };
  return {
    symbol: '✗',
    kind: 'no',
    label: `${method} does not produce ${irrep}`,
    title: measured || `Gaunt outputs are spherical signals, parity (−1)^l: ${irrep} is not one`,
  };
}

/** Rows = candidate outputs |l1−l2| … l1+l2 of both parities; columns = products; cells measured on the GPU. */
export function ExpressivityTable({ report }: { report: ExpressivityReport }) {
  const l1 = Number.parseInt(report.irrep1, 10);
  const l2 = Number.parseInt(report.irrep2, 10);
  return (
    <div className="table-scroll">
      <table className="data-table expressivity-table">
        <caption>
          What <span className="mono">{report.irrep1}</span> ⊗ <span className="mono">{report.irrep2}</span>{' '}
          can produce
        </caption>
        <thead>
          <tr>
            <th scope="col">Output</th>
            <th scope="col" title="l1 + l2 + l_out; Gaunt coefficients vanish when it is odd">
              Path l₁+l₂+l₃
            </th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c.method} className="center">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => {
            const sum = l1 + l2 + Number.parseInt(row.irrep, 10);
            return (
              <tr
                key={row.irrep}
                className={row.pathParity === 'odd' ? 'odd-path' : undefined}
                data-irrep={row.irrep}
              >
                <th scope="row" className="mono">
                  {row.irrep}
                </th>
                <td className="mono">
                  {sum} <span className="path-parity">{row.pathParity}</span>
                </td>
                {COLUMNS.map(({ method }) => {
                  const cell = describeCell(method, row.irrep, row.cells[method], report.threshold);
                  return (
                    <td
                      key={method}
                      className={`center cell-${cell.kind}`}
                      aria-label={cell.label}
                      title={cell.title || undefined}
                    >
                      {cell.symbol}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
