import { useId } from 'react';
import type { PerAtomChannel } from '../../store/per-atom';
import { useGauntlet } from '../store-context';

/** Pickers for what colours the atoms and what draws arrows, and the per-atom export. */
export function StructureDisplayPanel({
  channels,
  onExport,
}: {
  channels: readonly PerAtomChannel[];
  onExport: (kind: 'json' | 'csv') => void;
}) {
  const display = useGauntlet((s) => s.structure.display);
  const molecule = useGauntlet((s) => s.structure.loaded?.kind === 'molecule');
  const setDisplay = useGauntlet((s) => s.setStructureDisplay);
  const graph = useGauntlet((s) => s.graph);
  const showGraph = useGauntlet((s) => s.showGraph);
  const setGraphCutoff = useGauntlet((s) => s.setGraphCutoff);
  const cutoffId = useId();
  const colorId = useId();
  const arrowId = useId();
  const glyphId = useId();
  const scalars = channels.filter((c) => c.kind === 'scalar');
  const vectors = channels.filter((c) => c.kind === 'vector');
  const signals = channels.filter((c) => c.kind === 'signal');
  const scalar = scalars.some((c) => c.label === display.scalar) ? display.scalar : null;
  const vector = vectors.some((c) => c.label === display.vector) ? display.vector : null;
  const signal = signals.some((c) => c.label === display.signal) ? display.signal : null;

  return (
    <section className="panel" aria-label="Display">
      <h2 className="panel-title">Display</h2>
      <div className="display-grid">
        <label htmlFor={colorId}>Colour atoms by</label>
        <select
          id={colorId}
          value={scalar ?? ''}
          onChange={(event) => setDisplay({ scalar: event.currentTarget.value || null })}
        >
          <option value="">{molecule ? 'Element (CPK)' : 'Height (y)'}</option>
          {scalars.map((c) => (
            <option key={c.label} value={c.label}>
              {c.label}
            </option>
          ))}
        </select>
        <label htmlFor={arrowId}>Arrows</label>
        <select
          id={arrowId}
          value={vector ?? ''}
          disabled={vectors.length === 0}
          onChange={(event) => setDisplay({ vector: event.currentTarget.value || null })}
        >
          <option value="">{vectors.length === 0 ? 'None available' : 'None'}</option>
          {vectors.map((c) => (
            <option key={c.label} value={c.label}>
              {c.label}
            </option>
          ))}
        </select>
        {molecule && (
          <>
            <label htmlFor={glyphId}>Glyphs</label>
            <select
              id={glyphId}
              value={signal ?? ''}
              disabled={signals.length === 0}
              title="A small sphere per atom coloured by its spherical signal Σ c_lm Y_lm(n)"
              onChange={(event) => setDisplay({ signal: event.currentTarget.value || null })}
            >
              <option value="">{signals.length === 0 ? 'Run a model first' : 'None (balls)'}</option>
              {signals.map((c) => (
                <option key={c.label} value={c.label}>
                  {c.label}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div className="display-grid">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={graph.shown}
            onChange={(e) => void showGraph(e.currentTarget.checked)}
          />{' '}
          Radius graph
        </label>
        <span />
        <label htmlFor={cutoffId}>Cutoff (Å)</label>
        <input
          id={cutoffId}
          type="number"
          min={0.1}
          step={0.1}
          defaultValue={graph.cutoff}
          onBlur={(e) => setGraphCutoff(Number(e.currentTarget.value))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setGraphCutoff(Number(e.currentTarget.value));
          }}
        />
      </div>
      {graph.shown && (
        <p className="field-hint" aria-live="polite">
          {graph.busy
            ? 'building the graph…'
            : graph.error
              ? `Graph: ${graph.error}`
              : graph.result
                ? `${graph.result.pairs.length / 2} edges within ${graph.result.cutoff} Å, built on the ${graph.result.builtOn.toUpperCase()} in ${graph.result.ms.toFixed(0)} ms (the models' radius graph)`
                : ''}
        </p>
      )}
      <div className="panel-actions export-actions">
        <button
          type="button"
          onClick={() => onExport('json')}
          title="Positions and every per-atom value, as JSON"
        >
          Export JSON
        </button>
        <button type="button" onClick={() => onExport('csv')} title="One row per atom, as CSV">
          Export CSV
        </button>
      </div>
    </section>
  );
}
