import { useRef } from 'react';
import type { ProbeKind, TransformationSpec } from '../../engine/types';
import { haarRotation } from '../../store/rotation';
import { Rng } from '../../util/random';
import { IntegerField } from '../components/IntegerField';
import { formatSci } from '../format';
import { useGauntlet } from '../store-context';
import { ProbeLayersTable } from './ProbeLayersTable';
import { ErrorVerdict } from './ProbeVerdict';

const FAMILIES: readonly { kind: ProbeKind; label: string }[] = [
  { kind: 'rotation', label: 'Rotation' },
  { kind: 'reflection', label: 'Reflection' },
  { kind: 'translation', label: 'Translation' },
  { kind: 'permutation', label: 'Permutation' },
];

/** A short name for a transformation, for the live readout. */
function describe(spec: TransformationSpec): string {
  switch (spec.kind) {
    case 'rotation':
      return 'matrix' in spec
        ? 'rotation (current view)'
        : `rotation ${((spec.angle * 180) / Math.PI).toFixed(0)}°`;
    case 'composition':
      return spec.steps.map(describe).join(' then ');
    default:
      return spec.kind;
  }
}

/**
 * The equivariance probe: all four families with random draws, the live error of the structure's
 * current rotation (trackball, arrow keys, Haar draws) and of chosen transformations, and the
 * side-by-side arrows f(g·x) vs ρ(g)f(x).
 */
export function ProbePanel({
  showComparison,
  onShowComparison,
}: {
  showComparison: boolean;
  onShowComparison: (on: boolean) => void;
}) {
  const probe = useGauntlet((s) => s.probe);
  const n = useGauntlet((s) => (s.structure.loaded?.frames[s.structure.frame]?.positions.length ?? 0) / 3);
  const runProbe = useGauntlet((s) => s.runProbe);
  const cancelProbe = useGauntlet((s) => s.cancelProbe);
  const probeTransformation = useGauntlet((s) => s.probeTransformation);
  const setRotation = useGauntlet((s) => s.setStructureRotation);
  const setSettings = useGauntlet((s) => s.setProbeSettings);
  const draws = useRef(0);
  const { report, live, liveFloor, busy, settings } = probe;

  // Each draw its own stream: reproducible from the seed, different on every click.
  const rng = () => new Rng(settings.seed * 7919 + ++draws.current);
  const axis = (r: Rng) => Array.from(r.unitVectors(1));
  const transformations: { label: string; make: () => TransformationSpec }[] = [
    { label: 'Reflection', make: () => ({ kind: 'reflection', normal: axis(rng()) }) },
    { label: 'Inversion', make: () => ({ kind: 'inversion' }) },
    {
      label: 'Translation',
      make: () => ({ kind: 'translation', vector: axis(rng()).map((v) => 3 * v) }),
    },
    {
      label: 'Permutation',
      make: () => {
        const r = rng();
        const order = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = r.int(i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        return { kind: 'permutation', order };
      },
    },
    {
      label: 'Rotation ∘ reflection',
      make: () => {
        const r = rng();
        return {
          kind: 'composition',
          steps: [
            { kind: 'reflection', normal: axis(r) },
            { kind: 'rotation', matrix: haarRotation(() => r.normal()) },
          ],
        };
      },
    },
  ];

  return (
    <section
      className="panel"
      aria-label="Equivariance probe"
      aria-busy={busy === 'probe' || busy === 'live'}
    >
      <h2 className="panel-title">Equivariance probe</h2>
      <p className="field-hint">
        ‖f(g·x) − ρ(g)f(x)‖ / ‖f(x)‖ for each transformation g; ρ from the output irreps.
      </p>

      <h3 className="probe-subtitle">Live: the structure as shown</h3>
      <dl className="structure-facts probe-facts">
        <dt>Transformation</dt>
        <dd>{live ? describe(live.transformation) : '—'}</dd>
        <dt>Error</dt>
        <dd>
          {live ? (
            <ErrorVerdict error={live.error} verdict={live.verdict} label="Rotation error" />
          ) : (
            <output aria-label="Rotation error">—</output>
          )}
        </dd>
        <dt>float32 floor</dt>
        <dd>{liveFloor ? formatSci(liveFloor.floor) : '—'}</dd>
        <dt>Tolerance</dt>
        <dd>{liveFloor ? formatSci(liveFloor.tolerance) : '—'}</dd>
      </dl>
      {busy === 'live' && <p className="busy">probing…</p>}
      <div className="panel-actions probe-actions">
        <button
          type="button"
          disabled={busy !== null && busy !== 'live'}
          onClick={() => void probeTransformation()}
        >
          Probe this rotation
        </button>
        <button
          type="button"
          disabled={busy !== null && busy !== 'live'}
          onClick={() => {
            const r = rng();
            setRotation(haarRotation(() => r.normal()));
            void probeTransformation();
          }}
        >
          Random rotation (Haar)
        </button>
      </div>
      <p className="field-hint">
        Turn on <em>Rotate structure</em> above the view and drag, or use the arrow keys: each new rotation is
        probed.
      </p>
      <fieldset className="panel-actions probe-actions plain-fieldset">
        <legend className="visually-hidden">Other transformations</legend>
        {transformations.map((t) => (
          <button
            key={t.label}
            type="button"
            disabled={n === 0 || (busy !== null && busy !== 'live')}
            onClick={() => void probeTransformation(t.make())}
          >
            {t.label}
          </button>
        ))}
      </fieldset>
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={showComparison}
          onChange={(event) => onShowComparison(event.currentTarget.checked)}
        />
        Show f(g·x) and ρ(g)f(x) as arrows
      </label>

      <h3 className="probe-subtitle">All families, random draws</h3>
      <div className="panel-actions">
        <IntegerField
          label="Trials"
          value={settings.trials}
          min={1}
          max={20}
          onCommit={(trials) => setSettings({ trials })}
        />
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void runProbe()}>
          Run probe
        </button>
      </div>
      {busy === 'probe' && (
        <p className="busy" aria-live="polite">
          Probing… {probe.progress ? `${probe.progress.done} / ${probe.progress.total} structures` : ''}{' '}
          <button type="button" onClick={cancelProbe}>
            Cancel probe
          </button>
        </p>
      )}
      {report && (
        <table className="probe-table">
          <caption className="visually-hidden">Largest error per transformation family</caption>
          <thead>
            <tr>
              <th scope="col">g</th>
              <th scope="col">Error, verdict</th>
            </tr>
          </thead>
          <tbody>
            {FAMILIES.map((f) => (
              <tr key={f.kind}>
                <th scope="row">{f.label}</th>
                <td>
                  <ErrorVerdict
                    error={report.families[f.kind].error}
                    verdict={report.families[f.kind].verdict}
                    label={`${f.label} family error`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && (
        <p className="field-hint">
          {`${report.model} on ${report.numAtoms} atoms, ${report.trials} draws per family, seed ${report.seed}. `}
          float32 floor {formatSci(report.floor)}, tolerance {formatSci(report.tolerance)}.
        </p>
      )}
      {report && report.layers.length > 0 && <ProbeLayersTable layers={report.layers} />}
    </section>
  );
}
