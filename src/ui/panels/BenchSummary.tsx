import type { TpBenchReport } from '../../engine/types';
import { formatValue } from '../format';

/** Where and when the report was measured, and the adapter's peak from the same run. */
export function BenchSummary({ report }: { report: TpBenchReport }) {
  const { adapter, peak, options } = report;
  const adapterName = adapter.name || [adapter.vendor, adapter.architecture].filter(Boolean).join(' ');
  return (
    <section className="panel bench-summary" aria-label="Benchmark summary">
      <dl className="summary-grid">
        <div>
          <dt>Adapter</dt>
          <dd>
            <output className="mono" aria-label="Benchmarked adapter" title={adapterName}>
              {adapterName || 'unknown'}
            </output>
            {adapter.isFallback && <span className="badge">software adapter</span>}
          </dd>
        </div>
        <div>
          <dt title="A plain fused multiply-add kernel, measured in the same run">Peak FMA</dt>
          <dd>
            <output className="mono big-number" aria-label="Peak FMA GFLOP/s">
              {formatValue(peak.fma_gflops)}
            </output>{' '}
            GFLOP/s
          </dd>
        </div>
        <div>
          <dt title="A large buffer copy, measured in the same run">Copy bandwidth</dt>
          <dd>
            <output className="mono big-number" aria-label="Copy GB/s">
              {formatValue(peak.copy_gbps)}
            </output>{' '}
            GB/s
          </dd>
        </div>
        <div>
          <dt>Sizes</dt>
          <dd className="mono">
            batch {options.batch} · {options.channels} ch · cpu batch{' '}
            {Math.min(options.cpuBatch, options.batch)}
          </dd>
        </div>
        <div>
          <dt>Measured</dt>
          <dd>
            <time dateTime={report.date}>{new Date(report.date).toLocaleString()}</time>
          </dd>
        </div>
      </dl>
      {adapter.isFallback && (
        <p className="note" role="note">
          This adapter is a software (fallback) implementation of WebGPU: these timings measure a CPU
          emulation, not a GPU. They show that the kernels run; for speed, open Gauntlet in a browser with a
          hardware GPU.
        </p>
      )}
    </section>
  );
}
