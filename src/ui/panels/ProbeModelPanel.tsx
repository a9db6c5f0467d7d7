import { useId } from 'react';
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
          {PROBE_MODELS.map((m) => (
            <option key={m.name} value={m.name}>
              {m.label}
            </option>
          ))}
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
          Untrained weights: equivariance is a property of the architecture, not of training.
        </p>
      )}
    </section>
  );
}
