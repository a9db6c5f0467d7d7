import { useEffect, useId } from 'react';
import { IntegerField } from '../components/IntegerField';
import { formatValue } from '../format';
import { useGauntlet } from '../store-context';

/** The built-in models (engine `builtin` kinds) and what a user should expect of each. */
export const PROBE_MODELS = [
  { name: 'nequip', label: 'NequIP (E(3)-equivariant, CG)' },
  { name: 'egnn', label: 'EGNN (E(n)-equivariant)' },
  { name: 'facet', label: 'Facet (E(3), Gaunt)' },
  { name: 'mlp', label: 'MLP on coordinates (not equivariant)' },
] as const;

/** Model picker, weights seed, and one model run: energy, per-atom energies and forces. */
export function ProbeModelPanel() {
  const settings = useGauntlet((s) => s.probe.settings);
  const busy = useGauntlet((s) => s.probe.busy);
  const inference = useGauntlet((s) => s.probe.inference);
  const setSettings = useGauntlet((s) => s.setProbeSettings);
  const runModel = useGauntlet((s) => s.runModel);
  const modelId = useId();
  const saved = useGauntlet((s) => s.train.saved);
  const loadSaved = useGauntlet((s) => s.loadSavedRuns);
  const trained = settings.model.startsWith('run-');
  // The Train page's saved runs are offered too; read the list once if nothing has yet.
  useEffect(() => {
    if (saved === null) void loadSaved();
  }, [saved, loadSaved]);

  return (
    <section className="panel" aria-label="Model">
      <h2 className="panel-title">Model</h2>
      <div className="display-grid">
        <label htmlFor={modelId}>Model</label>
        <select
          id={modelId}
          value={settings.model}
          disabled={busy !== null}
          onChange={(event) => setSettings({ model: event.currentTarget.value })}
        >
          <optgroup label="Built-in (seeded, untrained)">
            {PROBE_MODELS.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
              </option>
            ))}
          </optgroup>
          {saved && saved.length > 0 && (
            <optgroup label="Trained on the Train page">
              {saved.map((run) => (
                <option key={run.id} value={run.id}>
                  {`${run.request.dataset} · ${run.model} · step ${run.step}`}
                </option>
              ))}
            </optgroup>
          )}
          {trained && !saved?.some((run) => run.id === settings.model) && (
            <option value={settings.model}>saved run (not found)</option>
          )}
        </select>
      </div>
      <IntegerField
        label="Seed"
        value={settings.seed}
        min={0}
        max={2 ** 31 - 1}
        onCommit={(seed) => setSettings({ seed })}
        hint="weights and random transformations"
      />
      <div className="panel-actions">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void runModel()}>
          Run model
        </button>
        {busy === 'infer' && <span className="busy">running on the GPU…</span>}
      </div>
      {inference && (
        <dl className="structure-facts probe-facts">
          <dt>Model</dt>
          <dd>{inference.model}</dd>
          <dt>Energy</dt>
          <dd>
            <output aria-label="Energy">
              {inference.energy === null ? '—' : formatValue(inference.energy)}
            </output>
          </dd>
          <dt>Per-atom outputs</dt>
          <dd>
            {[inference.atomEnergies ? 'energies' : null, inference.forces ? 'forces' : null]
              .filter(Boolean)
              .join(', ') || '—'}
          </dd>
        </dl>
      )}
      {inference && (
        <p className="field-hint">
          {trained
            ? 'Trained weights from a saved run (its own species and task).'
            : 'Untrained weights: equivariance is a property of the architecture, not of training.'}
        </p>
      )}
    </section>
  );
}
