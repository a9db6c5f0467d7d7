/**
 * plotly.js is about 4 MB: it is fetched the first time a plot is shown, as its own chunk, so
 * pages without plots never load it.
 */
export type PlotlyModule = typeof import('plotly.js-dist-min');

let loading: Promise<PlotlyModule> | null = null;

export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= import('plotly.js-dist-min').then((mod) => {
    // The bundle is UMD: the plotting API sits on the CommonJS default export.
    const withDefault = mod as PlotlyModule & { default?: PlotlyModule };
    return withDefault.default ?? mod;
  });
  loading.catch(() => {
    loading = null; // a failed fetch (offline, new deploy) can be retried on the next mount
  });
  return loading;
}
