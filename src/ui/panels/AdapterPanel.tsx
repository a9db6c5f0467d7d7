import { useId } from 'react';
import { adapterLabel, formatBytes } from '../format';
import { useGauntlet } from '../store-context';

/** The limits that decide problem sizes for our kernels, with how to read them. */
const SHOWN_LIMITS: { key: string; label: string; bytes: boolean }[] = [
  { key: 'maxStorageBufferBindingSize', label: 'Storage binding', bytes: true },
  { key: 'maxBufferSize', label: 'Buffer size', bytes: true },
  { key: 'maxComputeWorkgroupStorageSize', label: 'Workgroup storage', bytes: true },
  { key: 'maxComputeInvocationsPerWorkgroup', label: 'Invocations / workgroup', bytes: false },
  { key: 'maxComputeWorkgroupsPerDimension', label: 'Workgroups / dimension', bytes: false },
  { key: 'maxStorageBuffersPerShaderStage', label: 'Storage buffers / stage', bytes: false },
];

/** Optional features the kernels use when present (timing, faster reductions, half precision). */
const OPTIONAL_FEATURES = ['timestamp-query', 'subgroups', 'shader-f16'];

/** What the engine's GPU is: name, vendor, whether it is a software fallback, limits and features. */
export function AdapterPanel() {
  const report = useGauntlet((s) => s.adapter.report);
  const titleId = useId();
  if (!report) return null;
  const extra = report.features.filter((f) => !OPTIONAL_FEATURES.includes(f));

  return (
    <section className="panel" aria-labelledby={titleId}>
      <details>
        <summary id={titleId}>GPU adapter</summary>
        <dl className="readout">
          <dt>Name</dt>
          <dd>{adapterLabel(report)}</dd>
          <dt>Vendor / architecture</dt>
          <dd>
            {report.vendor || 'unknown'} / {report.architecture || 'unknown'}
          </dd>
          <dt>Software fallback</dt>
          <dd>{report.isFallback ? 'yes (correct, not fast)' : 'no'}</dd>
        </dl>
        <table className="limits">
          <caption>Key limits (requested at the adapter's maximum)</caption>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {SHOWN_LIMITS.map(({ key, label, bytes }) => {
              const value = report.limits[key];
              return (
                <tr key={key}>
                  <th scope="row" title={key}>
                    {label}
                  </th>
                  <td className="mono">
                    {value === undefined ? '—' : bytes ? formatBytes(value) : value.toLocaleString('en')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h3>Features</h3>
        <ul className="features">
          {OPTIONAL_FEATURES.map((f) => {
            const has = report.features.includes(f);
            return (
              <li key={f} className={has ? 'has' : 'lacks'}>
                <span aria-hidden="true">{has ? '✓' : '✗'}</span> <code>{f}</code>
                <span className="visually-hidden">{has ? ' available' : ' not available'}</span>
              </li>
            );
          })}
        </ul>
        {extra.length > 0 && <p className="field-hint">Also: {extra.join(', ')}</p>}
      </details>
    </section>
  );
}
