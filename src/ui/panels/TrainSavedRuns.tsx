import { useId } from 'react';
import type { SavedRunSummary } from '../../store/checkpoint-store';
import { describeRequest } from '../../store/train-form';
import { headlineMetric } from '../../store/train-metrics';
import { downloadBlob } from '../download';
import { useGauntlet } from '../store-context';

/** "gauntlet-train-tetris-nequip-step40-2025-01-02T03-04-05.json" (no ':' for Windows). */
export function trainFileName(run: Pick<SavedRunSummary, 'request' | 'step' | 'savedAt'>): string {
  const { dataset, model } = run.request;
  return `gauntlet-train-${dataset}-${model}-step${run.step}-${run.savedAt.slice(0, 19).replace(/:/g, '-')}.json`;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** Runs checkpointed into IndexedDB (on pause, at the end, or by Save): restore, export or delete. */
export function TrainSavedRuns() {
  const saved = useGauntlet((s) => s.train.saved);
  const persistent = useGauntlet((s) => s.train.persistent);
  const currentId = useGauntlet((s) => s.train.savedId);
  const running = useGauntlet((s) => s.train.status === 'running' || s.train.busy !== null);
  const ready = useGauntlet((s) => s.adapter.status === 'ready');
  const restore = useGauntlet((s) => s.restoreSavedRun);
  const remove = useGauntlet((s) => s.deleteSavedRun);
  const json = useGauntlet((s) => s.savedRunJson);
  const importRun = useGauntlet((s) => s.importTrainingRun);
  const titleId = useId();
  const fileId = useId();

  const exportRun = async (run: SavedRunSummary) => {
    const data = await json(run.id);
    if (data)
      downloadBlob(new Blob([JSON.stringify(data)], { type: 'application/json' }), trainFileName(run));
  };

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="results-header">
        <h2 id={titleId}>Saved runs</h2>
        {persistent && (
          <label className="button-like" htmlFor={fileId} aria-disabled={running || !ready}>
            Import checkpoint JSON
            <input
              id={fileId}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              disabled={running || !ready}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void file.text().then((text) => importRun(text, file.name));
              }}
            />
          </label>
        )}
      </div>
      {!persistent && <p className="field-hint">This browser offers no IndexedDB: runs cannot be kept.</p>}
      {saved === null && <p className="field-hint">Reading saved runs…</p>}
      {saved?.length === 0 && persistent && (
        <p className="field-hint">
          None yet. A run is saved when paused, when it finishes, and by “Save checkpoint”.
        </p>
      )}
      {saved && saved.length > 0 && (
        <ul className="train-runs" aria-label="Saved runs">
          {saved.map((run) => {
            const label = `${describeRequest(run.request)}, step ${run.step} of ${run.steps}`;
            const metric = headlineMetric(run.metrics[run.metrics.length - 1]?.metrics);
            return (
              <li
                key={run.id}
                className={run.id === currentId ? 'train-run current' : 'train-run'}
                aria-label={label}
              >
                <div className="train-run-title">
                  {describeRequest(run.request)}
                  {run.id === currentId && <span className="badge">current</span>}
                </div>
                <div className="field-hint mono">
                  step {run.step}/{run.steps}
                  {run.lastLoss !== null && ` · loss ${run.lastLoss.toPrecision(3)}`}
                  {metric && ` · ${metric}`}
                </div>
                <div className="field-hint">saved {when(run.savedAt)}</div>
                <div className="train-run-actions">
                  <button
                    type="button"
                    onClick={() => void restore(run.id)}
                    disabled={running || !ready}
                    aria-label={`Restore ${label}`}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    onClick={() => void exportRun(run)}
                    aria-label={`Export ${label} as JSON`}
                  >
                    Export JSON
                  </button>
                  <button
                    type="button"
                    onClick={() => void remove(run.id)}
                    disabled={running && run.id === currentId}
                    aria-label={`Delete ${label}`}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
