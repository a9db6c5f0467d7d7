import type { Config, Data, Layout } from 'plotly.js-dist-min';
import type { TpBenchRow } from '../../../bench/tp-bench';
import { BENCH_METHOD_CHOICES } from '../../../store/bench-options';
import { logTicks } from './log-ticks';
import { cssColor } from './use-theme-version';

export type BenchMetric = 'fwd' | 'fwdbwd';

export const METRIC_LABELS: Record<BenchMetric, string> = {
  fwd: 'forward time',
  fwdbwd: 'forward + backward time',
};

/** Line dash per setting, so colour stays free for the method. */
const DASH: Record<string, 'solid' | 'dash'> = { siso: 'solid', mimo: 'dash' };

/** The theme's colours, read from CSS variables at draw time (styles.css defines both themes). */
function themeColors() {
  return {
    text: cssColor('--text'),
    muted: cssColor('--muted'),
    grid: cssColor('--border'),
    background: cssColor('--surface'),
    series: BENCH_METHOD_CHOICES.map((_, i) => cssColor(`--series-${i + 1}`)),
  };
}

/** One line per (method, setting): time against lmax. */
export function benchTraces(rows: readonly TpBenchRow[], metric: BenchMetric): Data[] {
  const colors = themeColors().series;
  const groups = new Map<string, TpBenchRow[]>();
  for (const row of rows) {
    const key = `${row.method}|${row.setting}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const { method, setting } = group[0];
    const sorted = [...group].sort((a, b) => a.lmax - b.lmax);
    const batches = new Set(sorted.map((r) => r.batch));
    // The CPU twin runs on fewer samples than the GPU methods: say so in its legend entry.
    const batchNote = method === 'cpu' ? ` (batch ${[...batches].join('/')})` : '';
    const colorIndex = Math.max(0, (BENCH_METHOD_CHOICES as readonly string[]).indexOf(method));
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: `${method} · ${setting}${batchNote}`,
      x: sorted.map((r) => r.lmax),
      y: sorted.map((r) => (metric === 'fwd' ? r.fwd_ms : r.fwdbwd_ms)),
      line: { color: colors[colorIndex], dash: DASH[setting] ?? 'dot', width: 2 },
      marker: { size: 6 },
      hovertemplate: `${method} · ${setting}<br>L = %{x}<br>%{y:.3g} ms<extra></extra>`,
    } satisfies Data;
  });
}

/** The times a metric plots, for the axis ticks. */
function metricValues(rows: readonly TpBenchRow[], metric: BenchMetric): number[] {
  return rows.map((r) => (metric === 'fwd' ? r.fwd_ms : r.fwdbwd_ms)).filter((v) => v > 0);
}

/**
 * `degrees` is the run's planned range, so the x axis does not jump while rows arrive.
 */
export function benchLayout(
  rows: readonly TpBenchRow[],
  metric: BenchMetric,
  degrees: readonly [number, number],
): Partial<Layout> {
  const c = themeColors();
  const values = metricValues(rows, metric);
  const ticks = values.length ? logTicks(Math.min(...values), Math.max(...values)) : [];
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
    margin: { l: 64, r: 16, t: 12, b: 48 },
    xaxis: {
      ...axis,
      title: { text: 'degree L (lmax)' },
      dtick: 1,
      range: [degrees[0] - 0.25, degrees[1] + 0.25],
    },
    yaxis: {
      ...axis,
      title: { text: `${METRIC_LABELS[metric]} (ms, log scale)` },
      type: 'log',
      ...(ticks.length >= 2 ? { tickvals: ticks, ticktext: ticks.map(String) } : {}),
    },
    legend: { font: { color: c.text }, bgcolor: 'rgba(0,0,0,0)' },
    hoverlabel: { bgcolor: c.background, font: { color: c.text }, bordercolor: c.grid },
  };
}

export const BENCH_PLOT_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  // Our own buttons download PNG and JSON; the mode bar keeps zoom and pan.
  modeBarButtonsToRemove: ['toImage', 'select2d', 'lasso2d'],
};
