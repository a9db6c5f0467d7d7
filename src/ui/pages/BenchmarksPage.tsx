import { useEffect } from 'react';
import type { TpBenchReport } from '../../engine/types';
import { WebGpuUnavailable } from '../components/WebGpuUnavailable';
import { benchFileStem, downloadBlob } from '../download';
import { BenchControls } from '../panels/BenchControls';
import { BenchSummary } from '../panels/BenchSummary';
import { BenchTable } from '../panels/BenchTable';
import { useGauntlet } from '../store-context';
import { BenchChart } from '../views/plots/BenchChart';

function downloadReport(report: TpBenchReport) {
  // Exactly the engine's report, as the CLI's `bench tp --json` writes it.
  const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
  downloadBlob(blob, `${benchFileStem(report.date)}.json`);
}

/** Tensor-product kernels timed on the user's own GPU: CG against the three Gaunt routes across lmax. */
export function BenchmarksPage() {
  const adapter = useGauntlet((s) => s.adapter);
  const bench = useGauntlet((s) => s.bench);
  const loadDefaults = useGauntlet((s) => s.loadBenchDefaults);

  useEffect(() => {
    if (adapter.status === 'ready') void loadDefaults();
  }, [adapter.status, loadDefaults]);

  const running = bench.phase !== 'idle';
  // While a run is going its rows show as they arrive; otherwise the last complete report.
  const rows = running ? bench.liveRows : (bench.report?.rows ?? []);
  const stem = benchFileStem(running ? new Date().toISOString() : (bench.report?.date ?? ''));
  const planned = running ? bench.form : null;
  const lmaxes = bench.report?.options.lmaxes ?? [];
  const degrees: [number, number] = planned
    ? [planned.lmin, planned.lmax]
    : [Math.min(...lmaxes, ...rows.map((r) => r.lmax)), Math.max(...lmaxes, ...rows.map((r) => r.lmax))];

  return (
    <div className="page sidebar-page">
      <aside className="sidebar" aria-label="Benchmark controls">
        <h1>Benchmarks</h1>
        <p className="intro">
          Times the tensor-product kernels on this browser's GPU: Clebsch–Gordan against the Gaunt product's
          three routes, forward and forward + backward, next to the adapter's measured peak.
        </p>
        {adapter.status === 'unavailable' ? (
          <WebGpuUnavailable
            message={adapter.message ?? 'WebGPU could not be started.'}
            help={adapter.help}
          />
        ) : (
          <BenchControls />
        )}
        {bench.notice && (
          <p className="note" role="status">
            {bench.notice}
          </p>
        )}
        {bench.error && (
          <p className="error" role="alert">
            {bench.error}
          </p>
        )}
        <p className="explain">
          Each row is the median of repeated runs after a warm-up, timed with GPU timestamp queries where the
          adapter has them. FLOPs are those each method's algorithm performs, so GFLOP/s compares how well a
          kernel uses the GPU, and "vs cg" compares how fast each gets the answer.
        </p>
      </aside>
      <section className="results-area" aria-label="Benchmark results">
        <div className="results-header">
          <h2>
            {running ? 'Current run' : 'Results'}
            {running && <span className="view-sub"> · rows appear as they finish</span>}
          </h2>
          <button
            type="button"
            onClick={() => bench.report && downloadReport(bench.report)}
            disabled={!bench.report || running}
          >
            Download JSON
          </button>
        </div>
        {!running && bench.report && <BenchSummary report={bench.report} />}
        {rows.length > 0 ? (
          <>
            <section className="panel">
              <BenchChart rows={rows} degrees={degrees} fileStem={stem} />
            </section>
            <section className="panel">
              <BenchTable
                rows={rows}
                caption={`${rows.length} ${rows.length === 1 ? 'row' : 'rows'}${
                  running ? ' so far' : ', in the order measured'
                }`}
              />
            </section>
          </>
        ) : (
          <p className="empty-state">
            {running
              ? 'Measuring the adapter peak; the first rows follow.'
              : 'No results yet. Choose sizes and press “Run benchmark”; the last report is kept across reloads.'}
          </p>
        )}
      </section>
    </div>
  );
}
