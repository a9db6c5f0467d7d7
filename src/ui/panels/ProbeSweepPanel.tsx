import { useId } from 'react';
import { MAX_SWEEP_STEPS, SWEEP_AXES } from '../../store/probe-settings';
import { IntegerField } from '../components/IntegerField';
import { formatSci } from '../format';
import { useGauntlet } from '../store-context';
import { SweepChart } from '../views/plots/SweepChart';

/** Error vs angle for rotations 0–360° about an axis, with progress and cancel. */
export function ProbeSweepPanel({ fileStem }: { fileStem: string }) {
  const { settings, sweep, busy, progress } = useGauntlet((s) => s.probe);
  const setSettings = useGauntlet((s) => s.setProbeSettings);
  const runSweep = useGauntlet((s) => s.runSweep);
  const cancel = useGauntlet((s) => s.cancelProbe);
  const axisId = useId();
  const running = busy === 'sweep';
  const worst = sweep ? Math.max(...sweep.errors) : null;

  return (
    <section className="panel" aria-label="Rotation sweep">
      <h2 className="panel-title">Rotation sweep</h2>
      <div className="display-grid">
        <label htmlFor={axisId}>Axis</label>
        <select
          id={axisId}
          value={settings.sweepAxis}
          disabled={running}
          onChange={(event) =>
            setSettings({ sweepAxis: event.currentTarget.value as (typeof SWEEP_AXES)[number] })
          }
        >
          {SWEEP_AXES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <IntegerField
        label="Steps"
        value={settings.sweepSteps}
        min={2}
        max={MAX_SWEEP_STEPS}
        onCommit={(sweepSteps) => setSettings({ sweepSteps })}
        hint={`every ${(360 / settings.sweepSteps).toFixed(1)}°`}
      />
      <div className="panel-actions">
        {running ? (
          <button type="button" onClick={cancel}>
            Cancel sweep
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void runSweep()}>
            Run sweep
          </button>
        )}
      </div>
      {running && progress && (
        <div className="bench-progress">
          <div
            className="progress-track"
            role="progressbar"
            aria-label="Sweep progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
          >
            <div
              className="progress-fill"
              style={{ width: `${((100 * progress.done) / progress.total).toFixed(1)}%` }}
            />
          </div>
          <div className="progress-label mono">
            {progress.done} / {progress.total} angles
          </div>
        </div>
      )}
      {sweep && worst !== null && (
        <p className="field-hint">
          {sweep.cancelled ? 'Cancelled; ' : ''}largest error{' '}
          <output className="mono" aria-label="Sweep largest error">
            {formatSci(worst)}
          </output>
          {sweep.tolerance ? `, tolerance ${formatSci(sweep.tolerance)}` : ''}
        </p>
      )}
      {sweep && sweep.angles.length > 1 && (
        <SweepChart sweep={sweep} fileStem={`${fileStem}-sweep-${sweep.axis}`} />
      )}
    </section>
  );
}
