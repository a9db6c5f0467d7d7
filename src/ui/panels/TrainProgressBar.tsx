import { useGauntlet } from '../store-context';

/** Steps done of the current run, with the training speed the engine measured between read-backs. */
export function TrainProgressBar() {
  const step = useGauntlet((s) => s.train.step);
  const steps = useGauntlet((s) => s.train.steps);
  const status = useGauntlet((s) => s.train.status);
  const stepsPerSecond = useGauntlet((s) => s.train.stepsPerSecond);
  const elapsed = useGauntlet((s) => s.train.elapsed);
  const hasRun = useGauntlet((s) => s.train.run !== null || s.train.status !== 'idle');
  if (!hasRun) return null;
  const fraction = steps > 0 ? Math.min(1, step / steps) : 0;
  const speed = stepsPerSecond === null ? '– steps/s' : `${stepsPerSecond.toPrecision(3)} steps/s`;
  return (
    <div className={`bench-progress bench-progress-${status === 'finished' ? 'finished' : 'running'}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={steps}
        aria-valuenow={step}
        aria-valuetext={`step ${step} of ${steps}, ${speed}`}
      >
        <div className="progress-fill" style={{ width: `${(100 * fraction).toFixed(1)}%` }} />
      </div>
      <div className="progress-label">
        <span className="mono">
          {step} / {steps}
        </span>
        <output className="mono" aria-label="Training speed">
          {speed}
        </output>
        <span>{elapsed.toFixed(1)} s training</span>
      </div>
    </div>
  );
}
