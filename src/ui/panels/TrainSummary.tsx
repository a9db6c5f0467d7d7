import { describeRequest } from '../../store/train-form';
import {
  EQUIVARIANCE_LIMIT,
  type EquivarianceVerdict,
  equivarianceVerdict,
  FLOOR_FACTOR,
  headlineMetric,
} from '../../store/train-metrics';
import { useGauntlet } from '../store-context';

const VERDICT_TEXT: Record<EquivarianceVerdict, string> = {
  rounding: 'equivariant (float32 rounding)',
  approximate: 'approximately equivariant',
  broken: 'not equivariant',
};

const VERDICT_CLASS: Record<EquivarianceVerdict, string> = {
  rounding: 'verdict-equivariant',
  approximate: 'verdict-approximate',
  broken: 'verdict-broken',
};

/**
 * The equivariance error read against float32: an exactly equivariant model still shows the
 * rounding its layers amplify, which the engine measures as the float32 floor (one ulp of input
 * rounding); only an error well above both the floor and 1e-5 means the symmetry is broken.
 */
export function TrainEquivariance({ error, floor }: { error: number | null; floor: number | null }) {
  if (error === null) return <output aria-label="Equivariance error">not measured yet</output>;
  const { verdict, bound } = equivarianceVerdict(error, floor);
  return (
    <>
      <output className="big-number mono" aria-label="Equivariance error">
        {error.toExponential(1)}
      </output>
      {floor !== null && (
        <output
          className="mono field-hint"
          aria-label="Float32 floor"
          title="‖f(x+δ) − f(x)‖/‖f(x)‖, δ one float32 ulp per coordinate"
        >
          floor {floor.toExponential(1)}
        </output>
      )}
      <span
        className={`verdict ${VERDICT_CLASS[verdict]}`}
        title={`rounding up to ${bound.toExponential(1)} = max(${EQUIVARIANCE_LIMIT.toExponential(0)}, ${FLOOR_FACTOR} × floor)`}
      >
        {VERDICT_TEXT[verdict]}
      </span>
    </>
  );
}

/** Where the current run stands: step, last loss, held-out metric, speed, size and equivariance. */
export function TrainSummary() {
  const train = useGauntlet((s) => s.train);
  const { run, losses, metrics, step, steps, stepsPerSecond, equivariance } = train;
  const lastLoss = losses[losses.length - 1]?.loss;
  const latest = metrics[metrics.length - 1]?.metrics;
  const metric = headlineMetric(latest);
  return (
    <dl className="summary-grid train-summary">
      <div>
        <dt>Run</dt>
        <dd>
          <output aria-label="Run settings">
            {run ? `${describeRequest(run.request)} · ${run.model}` : 'none yet'}
          </output>
        </dd>
      </div>
      <div>
        <dt>Step</dt>
        <dd>
          <output className="mono" aria-label="Step">
            {step} / {steps}
          </output>
        </dd>
      </div>
      <div>
        <dt>Training loss</dt>
        <dd>
          <output className="mono" aria-label="Training loss">
            {lastLoss === undefined ? '–' : lastLoss.toPrecision(4)}
          </output>
        </dd>
      </div>
      <div>
        <dt>Held-out (rotated)</dt>
        <dd>
          <output className="mono" aria-label="Held-out metric">
            {metric ?? '–'}
          </output>
        </dd>
      </div>
      <div>
        <dt>Speed</dt>
        <dd>
          <output className="mono" aria-label="Steps per second">
            {stepsPerSecond === null ? '–' : `${stepsPerSecond.toPrecision(3)} steps/s`}
          </output>
        </dd>
      </div>
      {run && (
        <div>
          <dt>Model</dt>
          <dd>
            <output className="mono">
              {run.parameters.toLocaleString('en')} params · lr{' '}
              {Number.isFinite(run.lr) ? run.lr : 'schedule'} · batch {run.batchSize}
            </output>
          </dd>
        </div>
      )}
      <div>
        <dt>Equivariance error</dt>
        <dd>
          <TrainEquivariance error={equivariance} floor={latest?.float32_floor ?? null} />
        </dd>
      </div>
    </dl>
  );
}
