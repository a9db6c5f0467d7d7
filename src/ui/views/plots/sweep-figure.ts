import type { Config, Data, Layout } from 'plotly.js-dist-min';
import type { SweepState } from '../../../store/probe-slice';
import { cssColor } from './use-theme-version';

/** Error vs angle (log y), with the float32 floor and the tolerance as horizontal lines. Zeros (0°) are left out. */
export function sweepTraces(sweep: SweepState): Data[] {
  const points = sweep.angles.map((a, i) => [a, sweep.errors[i]] as const).filter(([, e]) => e > 0);
  const traces: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'relative error',
      x: points.map(([a]) => a),
      y: points.map(([, e]) => e),
      line: { color: cssColor('--series-1') || cssColor('--accent'), width: 2 },
      marker: { size: 5 },
      hovertemplate: '%{x:.0f}°<br>%{y:.2e}<extra></extra>',
    },
  ];
  const line = (y: number, name: string, dash: 'dash' | 'dot', color: string): Data => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: [0, 360],
    y: [y, y],
    line: { color, dash, width: 1.5 },
    hovertemplate: `${name}: %{y:.2e}<extra></extra>`,
  });
  if (sweep.floor) traces.push(line(sweep.floor, 'float32 floor', 'dash', cssColor('--muted')));
  if (sweep.tolerance) traces.push(line(sweep.tolerance, 'tolerance', 'dot', cssColor('--bad') || '#c00'));
  return traces;
}

export function sweepLayout(sweep: SweepState): Partial<Layout> {
  const axis = {
    color: cssColor('--muted'),
    gridcolor: cssColor('--border'),
    linecolor: cssColor('--border'),
    zerolinecolor: cssColor('--border'),
  };
  const bg = cssColor('--surface');
  return {
    paper_bgcolor: bg,
    plot_bgcolor: bg,
    font: { color: cssColor('--text'), family: getComputedStyle(document.body).fontFamily, size: 11 },
    margin: { l: 56, r: 8, t: 8, b: 84 },
    xaxis: { ...axis, title: { text: `angle about ${sweep.axis} (°)` }, range: [0, 360], dtick: 90 },
    yaxis: { ...axis, title: { text: 'relative error (log)' }, type: 'log', exponentformat: 'power' },
    legend: { orientation: 'h', x: 0, y: -0.42, yanchor: 'top', font: { size: 10 } },
    showlegend: true,
  };
}

export const SWEEP_PLOT_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['toImage', 'select2d', 'lasso2d'],
};
