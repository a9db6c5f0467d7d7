import type { Config, Data, Layout } from 'plotly.js-dist-min';
import type { MetricSeries } from '../../store/train-metrics';
import type { LossPoint } from '../../store/train-slice';
import { logTicks } from '../views/plots/log-ticks';
import { cssColor } from '../views/plots/use-theme-version';

function theme() {
  return {
    text: cssColor('--text'),
    muted: cssColor('--muted'),
    grid: cssColor('--border'),
    background: cssColor('--surface'),
    series: [1, 2, 3, 4].map((i) => cssColor(`--series-${i}`)),
  };
}

/** Layout shared by the loss and metric plots: steps on x (fixed to the run's length, so it does not jump). */
function layout(
  steps: number,
  yTitle: string,
  y: { log: boolean; values: readonly number[]; range?: [number, number]; legend: boolean },
): Partial<Layout> {
  const c = theme();
  const positive = y.values.filter((v) => v > 0);
  const ticks = positive.length ? logTicks(Math.min(...positive), Math.max(...positive)) : [];
  const axis = {
    color: c.muted,
    gridcolor: c.grid,
    linecolor: c.grid,
    zerolinecolor: c.grid,
    tickfont: { color: c.muted },
  };
  return {
    paper_bgcolor: c.background,
    plot_bgcolor: c.background,
    font: { color: c.text, family: getComputedStyle(document.body).fontFamily, size: 12 },
    margin: { l: 64, r: 16, t: 12, b: y.legend ? 72 : 44 },
    // A little room past the last step so its marker is not cut in half.
    xaxis: { ...axis, title: { text: 'step' }, range: [0, 1.03 * Math.max(1, steps)] },
    yaxis: {
      ...axis,
      title: { text: yTitle },
      type: y.log ? 'log' : 'linear',
      ...(y.range ? { range: y.range } : {}),
      ...(y.log && ticks.length >= 2 ? { tickvals: ticks, ticktext: ticks.map(String) } : {}),
    },
    // One curve is named by the chart's title; two (energy and force MAE) get a legend below.
    showlegend: y.legend,
    legend: { font: { color: c.text }, bgcolor: 'rgba(0,0,0,0)', orientation: 'h', x: 0, y: -0.25 },
    hoverlabel: { bgcolor: c.background, font: { color: c.text }, bordercolor: c.grid },
  };
}

export function lossFigure(
  losses: readonly LossPoint[],
  steps: number,
): { data: Data[]; layout: Partial<Layout> } {
  const c = theme();
  const positive = losses.every((p) => p.loss > 0);
  return {
    data: [
      {
        type: 'scatter',
        mode: losses.length > 40 ? 'lines' : 'lines+markers',
        name: 'training loss',
        x: losses.map((p) => p.step),
        y: losses.map((p) => p.loss),
        line: { color: c.series[0], width: 2 },
        marker: { size: 5 },
        hovertemplate: 'step %{x}<br>loss %{y:.4g}<extra></extra>',
      },
    ],
    layout: layout(steps, positive ? 'loss (log scale)' : 'loss', {
      log: positive && losses.length > 0,
      values: losses.map((p) => p.loss),
      legend: false,
    }),
  };
}

export function metricFigure(
  series: readonly MetricSeries[],
  steps: number,
): { data: Data[]; layout: Partial<Layout> } {
  const c = theme();
  const percent = series.some((s) => s.percent);
  return {
    data: series.map((s, i) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: s.label,
      x: s.steps,
      y: s.values,
      line: { color: c.series[(i + 1) % c.series.length], width: 2 },
      marker: { size: 6 },
      hovertemplate: `step %{x}<br>${s.label} %{y:.4g}${s.percent ? ' %' : ''}<extra></extra>`,
    })),
    layout: percent
      ? layout(steps, 'test accuracy (%)', { log: false, values: [], range: [0, 105], legend: false })
      : layout(steps, series.length > 1 ? 'mean absolute error (log)' : 'test MSE (log scale)', {
          log: true,
          values: series.flatMap((s) => s.values),
          legend: series.length > 1,
        }),
  };
}

export const TRAIN_PLOT_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d'],
};
