import { useEffect } from 'react';
import { WebGpuUnavailable } from '../components/WebGpuUnavailable';
import { downloadBlob } from '../download';
import { TrainCharts } from '../panels/TrainCharts';
import { TrainControls } from '../panels/TrainControls';
import { TrainSavedRuns, trainFileName } from '../panels/TrainSavedRuns';
import { TrainSummary } from '../panels/TrainSummary';
import { useGauntlet, useGauntletStore } from '../store-context';
import '../train.css';

/** Train a model in the engine worker: live loss and held-out curves, checkpoints kept in IndexedDB. */
export function TrainPage() {
  const adapter = useGauntlet((s) => s.adapter);
  const train = useGauntlet((s) => s.train);
  const loadSaved = useGauntlet((s) => s.loadSavedRuns);
  const save = useGauntlet((s) => s.saveTraining);
  const store = useGauntletStore();

  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);

  const canSave = train.run !== null && train.status !== 'running' && train.busy === null && train.persistent;

  const exportCurrent = async () => {
    await save();
    const { savedId, saved } = store.getState().train;
    const summary = saved?.find((r) => r.id === savedId);
    const data = savedId ? await store.getState().savedRunJson(savedId) : null;
    if (data && summary)
      downloadBlob(new Blob([JSON.stringify(data)], { type: 'application/json' }), trainFileName(summary));
  };

  return (
    <div className="page sidebar-page train-page">
      <aside className="sidebar" aria-label="Training controls">
        <h1>Train</h1>
        <p className="intro">
          Trains a model on a generated data set in the browser's GPU worker. Test samples are randomly
          rotated, so the held-out curve shows what equivariance buys.
        </p>
        {adapter.status === 'unavailable' ? (
          <WebGpuUnavailable
            message={adapter.message ?? 'WebGPU could not be started.'}
            help={adapter.help}
          />
        ) : (
          <TrainControls />
        )}
      </aside>
      <section className="results-area" aria-label="Training results">
        <div className="results-header">
          <h2>
            {train.status === 'running' ? 'Training' : 'Current run'}
            <span className="view-sub"> · {train.status}</span>
          </h2>
          <div className="train-header-actions">
            <button type="button" onClick={() => void save()} disabled={!canSave}>
              Save checkpoint
            </button>
            <button type="button" onClick={() => void exportCurrent()} disabled={!canSave}>
              Export checkpoint JSON
            </button>
          </div>
        </div>
        <TrainSummary />
        {train.losses.length === 0 && train.metrics.length === 0 && train.status === 'idle' ? (
          <p className="empty-state">
            Choose a data set and a model and press Play. The loss is read back every few steps; the held-out
            metric and the equivariance error are measured about ten times per run and whenever you pause.
          </p>
        ) : (
          <TrainCharts />
        )}
        <TrainSavedRuns />
        <p className="explain">
          The equivariance error is ‖f(R·x) − ρ(R) f(x)‖ / ‖f(x)‖ on rotated test samples. In float32 it is
          never zero: the floor is what moving every input coordinate by one float32 ulp (the rounding a
          rotation causes) does to this model's outputs. An equivariant model's error sits near its floor, and
          training can lift both above 10⁻⁵. Facet's sphere-grid nonlinearity aliases, so it is only
          approximately equivariant (~10⁻³); a model that is not equivariant, like the MLP, sits near 1.
        </p>
      </section>
    </div>
  );
}
