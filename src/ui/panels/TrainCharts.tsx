import { useEffect, useMemo, useRef, useState } from 'react';
import { metricSeries } from '../../store/train-metrics';
import { useGauntlet } from '../store-context';
import { loadPlotly, type PlotlyModule } from '../views/plots/plotly-loader';
import { useThemeVersion } from '../views/plots/use-theme-version';
import { lossFigure, metricFigure, TRAIN_PLOT_CONFIG } from './train-figure';

type Figure = ReturnType<typeof lossFigure>;

/** One plotly chart; Plotly.react diffs against the previous figure, so live updates are cheap. */
function Chart({
  plotly,
  figure,
  label,
  className,
}: {
  plotly: PlotlyModule;
  figure: Figure;
  label: string;
  className: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) void plotly.react(ref.current, figure.data, figure.layout, TRAIN_PLOT_CONFIG);
  }, [plotly, figure]);
  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div) plotly.purge(div);
    };
  }, [plotly]);
  return <div ref={ref} className={`train-plot ${className}`} role="img" aria-label={label} />;
}

/** Live loss and held-out metric curves of the current run (plotly is loaded on first show). */
export function TrainCharts() {
  const losses = useGauntlet((s) => s.train.losses);
  const metrics = useGauntlet((s) => s.train.metrics);
  const steps = useGauntlet((s) => s.train.steps);
  const [plotly, setPlotly] = useState<PlotlyModule | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const themeVersion = useThemeVersion();

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion re-reads the CSS colours
  const loss = useMemo(() => lossFigure(losses, steps), [losses, steps, themeVersion]);
  const series = useMemo(() => metricSeries(metrics), [metrics]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion re-reads the CSS colours
  const metric = useMemo(() => metricFigure(series, steps), [series, steps, themeVersion]);
  const metricTitle = series.some((s) => s.percent)
    ? 'Accuracy on rotated test shapes'
    : 'Error on rotated test samples';

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError}
      </p>
    );
  return (
    <div className="train-charts">
      <figure className="panel train-chart">
        <figcaption className="train-chart-title">Training loss</figcaption>
        {plotly ? (
          <Chart
            plotly={plotly}
            figure={loss}
            label={`Training loss curve, ${losses.length} points`}
            className="train-loss-plot"
          />
        ) : (
          <p className="view-placeholder">Loading the plotting library…</p>
        )}
      </figure>
      <figure className="panel train-chart">
        <figcaption className="train-chart-title">{metricTitle}</figcaption>
        {plotly ? (
          <Chart
            plotly={plotly}
            figure={metric}
            label={`${metricTitle} curve, ${metrics.length} points`}
            className="train-metric-plot"
          />
        ) : (
          <p className="view-placeholder">Loading the plotting library…</p>
        )}
      </figure>
    </div>
  );
}
