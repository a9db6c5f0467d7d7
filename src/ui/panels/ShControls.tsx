import { type ReactNode, useId } from 'react';
import type { ShNormalization } from '../../engine/types';
import { SH_PAGE_MAX_L } from '../../store/sh-slice';
import { IntegerField } from '../components/IntegerField';
import { formatSigned } from '../format';
import { useGauntlet } from '../store-context';

const NORMALIZATIONS: { value: ShNormalization; label: string; meaning: ReactNode }[] = [
  {
    value: 'component',
    label: 'component',
    meaning: (
      <>
        Σ<sub>m</sub> Y<sub>lm</sub>(x)² = 2l+1 (e3nn default)
      </>
    ),
  },
  {
    value: 'norm',
    label: 'norm',
    meaning: (
      <>
        Σ<sub>m</sub> Y<sub>lm</sub>(x)² = 1
      </>
    ),
  },
  {
    value: 'integral',
    label: 'integral',
    meaning: (
      <>
        ∫ Y<sub>lm</sub>² dΩ = 1 over the sphere
      </>
    ),
  },
];

/** Degree, order, normalization and display options for the Y_lm view. */
export function ShControls() {
  const sh = useGauntlet((s) => s.sh);
  const setL = useGauntlet((s) => s.setL);
  const setM = useGauntlet((s) => s.setM);
  const setNormalization = useGauntlet((s) => s.setNormalization);
  const setShowRadius = useGauntlet((s) => s.setShowRadius);
  const selectId = useId();
  const radiusId = useId();
  const meaning = NORMALIZATIONS.find((n) => n.value === sh.normalization)?.meaning;

  return (
    <section className="panel" aria-labelledby={`${selectId}-title`}>
      <h2 id={`${selectId}-title`}>
        Y<sub>{sh.l}</sub>
        <sup>{formatSigned(sh.m)}</sup> controls
      </h2>
      <div className="field-row">
        <IntegerField
          label="Degree l"
          value={sh.l}
          min={0}
          max={SH_PAGE_MAX_L}
          onCommit={setL}
          hint={`0 … ${SH_PAGE_MAX_L}`}
        />
        <IntegerField label="Order m" value={sh.m} min={-sh.l} max={sh.l} onCommit={setM} hint={`−l … l`} />
      </div>
      <div className="field">
        <label htmlFor={selectId}>Normalization</label>
        <select
          id={selectId}
          value={sh.normalization}
          onChange={(e) => setNormalization(e.target.value as ShNormalization)}
          aria-describedby={`${selectId}-hint`}
        >
          {NORMALIZATIONS.map((n) => (
            <option key={n.value} value={n.value}>
              {n.label}
            </option>
          ))}
        </select>
        <span className="field-hint" id={`${selectId}-hint`}>
          {meaning}
        </span>
      </div>
      <div className="field field-check">
        <input
          id={radiusId}
          type="checkbox"
          checked={sh.showRadius}
          onChange={(e) => setShowRadius(e.target.checked)}
        />
        <label htmlFor={radiusId}>Show |Y| as radius</label>
      </div>
    </section>
  );
}
