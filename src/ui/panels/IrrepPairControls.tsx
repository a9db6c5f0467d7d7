import { useId } from 'react';
import { EXPRESSIVITY_MAX_L, irrepInputProblem } from '../../store/irrep-input';
import { useGauntlet } from '../store-context';

/** Pairs worth a look: the cross product Gaunt cannot make, a mixed pair, and pseudovector input. */
const QUICK_PICKS: { irrep1: string; irrep2: string; label: string }[] = [
  { irrep1: '1o', irrep2: '1o', label: '1o ⊗ 1o (cross product)' },
  { irrep1: '1o', irrep2: '2e', label: '1o ⊗ 2e' },
  { irrep1: '2e', irrep2: '2e', label: '2e ⊗ 2e' },
  { irrep1: '1e', irrep2: '1o', label: '1e ⊗ 1o' },
];

function IrrepField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  const problem = irrepInputProblem(value);
  return (
    <div className="field irrep-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="mono"
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className={problem ? 'field-hint field-problem' : 'field-hint'} id={`${id}-hint`}>
        {problem ?? `degree 0…${EXPRESSIVITY_MAX_L} and parity e or o`}
      </span>
    </div>
  );
}

/** The two input irreps (typed or picked); the table is measured as soon as both are valid. */
export function IrrepPairControls() {
  const { irrep1, irrep2 } = useGauntlet((s) => s.expressivity);
  const setInputs = useGauntlet((s) => s.setExpressivityInputs);
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Input irreps</h2>
      <div className="irrep-pair">
        <IrrepField label="First input irrep" value={irrep1} onChange={(v) => setInputs(v, irrep2)} />
        <span className="otimes" aria-hidden="true">
          ⊗
        </span>
        <IrrepField label="Second input irrep" value={irrep2} onChange={(v) => setInputs(irrep1, v)} />
      </div>
      <fieldset className="quick-picks">
        <legend className="visually-hidden">Example pairs</legend>
        {QUICK_PICKS.map((pick) => (
          <button
            key={pick.label}
            type="button"
            aria-pressed={pick.irrep1 === irrep1.trim() && pick.irrep2 === irrep2.trim()}
            onClick={() => setInputs(pick.irrep1, pick.irrep2)}
          >
            {pick.label}
          </button>
        ))}
      </fieldset>
    </section>
  );
}
