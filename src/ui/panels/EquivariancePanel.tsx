import { useId } from 'react';
import { SH_CHECK_SAMPLES } from '../../store/sh-slice';
import { formatDegrees, formatSci } from '../format';

const ANGLE_NAMES = ['α', 'β', 'γ'];

import { useGauntlet } from '../store-context';

/** Runs and explains the kernel's own equivariance test: Y(Rx) = D(R) Y(x). */
export function EquivariancePanel() {
  const sh = useGauntlet((s) => s.sh);
  const newRotation = useGauntlet((s) => s.newRotation);
  const ready = useGauntlet((s) => s.adapter.status === 'ready');
  const titleId = useId();
  const check = sh.check;

  return (
    <section className="panel" aria-labelledby={titleId} aria-busy={sh.checkBusy}>
      <h2 id={titleId}>Equivariance check</h2>
      <p className="formula">
        Y(<i>R</i>x) = D(<i>R</i>) Y(x)
      </p>
      <dl className="readout">
        <dt>Relative error</dt>
        <dd>
          <output
            className="mono big-number"
            aria-label="Equivariance error"
            data-lmax={check?.lmax}
            data-seed={check?.seed}
          >
            {check ? formatSci(check.relativeError) : ''}
          </output>
          {sh.checkBusy && <span className="busy">checking…</span>}
        </dd>
        <dt>Verdict</dt>
        <dd>
          {check ? (
            <span className={`verdict verdict-${check.verdict}`}>{check.verdict}</span>
          ) : (
            <span>—</span>
          )}
          <span className="field-hint">below 1e-5</span>
        </dd>
        <dt title="Error of the GPU's float32 harmonics against float64 ones on the same points">
          float32 floor
        </dt>
        <dd className="mono">{check ? formatSci(check.float32Floor) : '—'}</dd>
        <dt title="e3nn Euler angles α, β, γ in radians">Rotation</dt>
        <dd
          className="mono angles"
          title={
            check
              ? check.angles.map((a) => `${a.toPrecision(6)} rad = ${formatDegrees(a)}`).join(', ')
              : undefined
          }
        >
          {check ? (
            ANGLE_NAMES.map((name, i) => (
              <span key={name}>
                {name} {check.angles[i].toFixed(2)}
              </span>
            ))
          ) : (
            <span>—</span>
          )}
        </dd>
      </dl>
      <div className="panel-actions">
        <button type="button" onClick={newRotation} disabled={!ready}>
          New random rotation
        </button>
        <span className="field-hint">seed {check?.seed ?? sh.seed}</span>
      </div>
      <p className="explain">
        The GPU computes float32 harmonics up to l = {sh.l} of {SH_CHECK_SAMPLES} random unit vectors x and of
        their rotations Rx; we compare Y(Rx) with the float64 Wigner matrix D(R) applied to the GPU's Y(x), as
        ‖Y(Rx) − D(R)Y(x)‖ / ‖Y(Rx)‖. The float32 floor is the GPU's own rounding against float64 harmonics.
      </p>
      {sh.checkError && (
        <p className="error" role="alert">
          {sh.checkError}
        </p>
      )}
    </section>
  );
}
