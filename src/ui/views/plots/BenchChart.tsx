import { useEffect, useId, useRef, useState } from 'react';
import type { TpBenchRow } from '../../../bench/tp-bench';
import { BENCH_PLOT_CONFIG, type BenchMetric, benchLayout, benchTraces, METRIC_LABELS } from './bench-figure';
import { loadPlotly, type PlotlyModule } from './plotly-loader';
import { useThemeVersion } from './use-theme-version';

interface Props {
  rows: readonly TpBenchRow[];
  /** Lowest and highest degree of the run (planned, while it is still going). */
  degrees: readonly [number, number];
  /** File name without extension for "Download PNG". */
  fileStem: string;
}

/** Time against lmax on a log axis, one line per method and setting; plotly is loaded on first show. */
export function BenchChart({ rows, degrees, fileStem }: Props) {
  const plotRef = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyModule | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [metric, setMetric] = useState<BenchMetric>('fwd');
  const themeVersion = useThemeVersion();
  const metricName = useId();

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (module) => live && setPlotly(module),
      (error: unknown) => live && setLoadError(`The plotting library failed to load: ${String(error)}`),
    );
    return () => {
      live = false;
    };
  }, []);

  // Plotly.react diffs against the previous figure, so live rows and theme changes redraw cheaply.
  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion re-reads the CSS colours
  useEffect(() => {
    const div = plotRef.current;
    if (!plotly || !div) return;
    void plotly.react(div, benchTraces(rows, metric), benchLayout(rows, metric, degrees), BENCH_PLOT_CONFIG);
  }, [plotly, rows, metric, degrees[0], degrees[1], themeVersion]);

  useEffect(() => {
    const div = plotRef.current;
    return () => {
      if (plotly && div) plotly.purge(div);
    };
  }, [plotly]);

  const downloadPng = () => {
    if (plotly && plotRef.current)
      void plotly.downloadImage(plotRef.current, {
        format: 'png',
        width: 1200,
        height: 700,
        filename: `${fileStem}-${metric}`,
      });
  };

  return (
    <figure className="bench-chart" aria-label="Benchmark chart">
      <div className="chart-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Plotted time</legend>
          {(['fwd', 'fwdbwd'] as const).map((value) => (
            <label key={value} className="segment" title={METRIC_LABELS[value]}>
              <input
                type="radio"
                name={metricName}
                value={value}
                checked={metric === value}
                onChange={() => setMetric(value)}
              />
              {value === 'fwd' ? 'fwd' : 'fwd+bwd'}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={downloadPng} disabled={!plotly || rows.length === 0}>
          Download PNG
        </button>
      </div>
      <div ref={plotRef} className="bench-plot" data-metric={metric} />
      {!plotly && !loadError && <p className="view-placeholder">Loading the plotting library…</p>}
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      <figcaption className="caption">
        {METRIC_LABELS[metric][0].toUpperCase() + METRIC_LABELS[metric].slice(1)} (median) per degree L on a
        log scale. Colour: method; solid line: siso (one degree in and out), dashed: mimo (all degrees 0…L).
      </figcaption>
    </figure>
  );
}
