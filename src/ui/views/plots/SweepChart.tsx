import { useEffect, useRef, useState } from 'react';
import type { SweepState } from '../../../store/probe-slice';
import { loadPlotly, type PlotlyModule } from './plotly-loader';
import { SWEEP_PLOT_CONFIG, sweepLayout, sweepTraces } from './sweep-figure';
import { useThemeVersion } from './use-theme-version';

/** The sweep's error against angle on a log axis with the float32 floor; plotly loads on first show. */
export function SweepChart({ sweep, fileStem }: { sweep: SweepState; fileStem: string }) {
  const plotRef = useRef<HTMLDivElement>(null);
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
  useEffect(() => {
    const div = plotRef.current;
    if (plotly && div) void plotly.react(div, sweepTraces(sweep), sweepLayout(sweep), SWEEP_PLOT_CONFIG);
  }, [plotly, sweep, themeVersion]);

  useEffect(() => {
    const div = plotRef.current;
    return () => {
      if (plotly && div) plotly.purge(div);
    };
  }, [plotly]);

  return (
    <figure className="sweep-chart" aria-label="Error against angle">
      <div ref={plotRef} className="sweep-plot" />
      {loadError && <p className="error">{loadError}</p>}
      <div className="panel-actions">
        <button
          type="button"
          disabled={!plotly}
          onClick={() => {
            if (plotly && plotRef.current)
              void plotly.downloadImage(plotRef.current, {
                format: 'png',
                width: 1000,
                height: 600,
                filename: fileStem,
              });
          }}
        >
          Download plot PNG
        </button>
      </div>
    </figure>
  );
}
