import { useGauntlet } from '../store-context';

/** Steps done of the current (or last) run; the store updates it as each row arrives from the worker. */
export function BenchProgressBar() {
  const progress = useGauntlet((s) => s.bench.progress);
  const phase = useGauntlet((s) => s.bench.phase);
  if (!progress) return null;
  const { done, total, label } = progress;
  const fraction = total > 0 ? done / total : 0;
  const state = phase !== 'idle' ? 'running' : label;
  return (
    <div className={`bench-progress bench-progress-${state}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Benchmark progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} steps: ${label}`}
      >
        <div className="progress-fill" style={{ width: `${(100 * fraction).toFixed(1)}%` }} />
      </div>
      <div className="progress-label">
        <span className="mono">
          {done} / {total}
        </span>
        <span className="progress-step" title={label}>
          {label}
        </span>
      </div>
    </div>
  );
}
