import { useId, useState } from 'react';
import { useGauntlet } from '../store-context';

const EXAMPLES = [
  { name: 'Ethanol', smiles: 'CCO' },
  { name: 'Benzene', smiles: 'c1ccccc1' },
  { name: 'Aspirin', smiles: 'CC(=O)Oc1ccccc1C(=O)O' },
  { name: 'Caffeine', smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C' },
] as const;

/** A SMILES box: the engine worker builds a 3D conformer with hydrogens (openchemlib + MMFF94). */
export function SmilesPanel() {
  const loadSmiles = useGauntlet((s) => s.loadSmiles);
  const source = useGauntlet((s) => s.structure.source);
  const [text, setText] = useState(() => (source?.kind === 'smiles' ? source.smiles : ''));
  const inputId = useId();
  const hintId = useId();

  return (
    <section className="panel" aria-label="SMILES">
      <h2 className="panel-title">From SMILES</h2>
      <form
        className="smiles-form"
        onSubmit={(event) => {
          event.preventDefault();
          void loadSmiles(text);
        }}
      >
        <label htmlFor={inputId} className="paste-label">
          SMILES
        </label>
        <div className="panel-actions">
          <input
            id={inputId}
            className="mono smiles-input"
            type="text"
            value={text}
            spellCheck={false}
            autoComplete="off"
            placeholder="CCO"
            aria-describedby={hintId}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <button type="submit" className="primary" disabled={text.trim().length === 0}>
            Build 3D
          </button>
        </div>
      </form>
      <p className="field-hint" id={hintId}>
        Hydrogens are added; one conformer, relaxed with MMFF94s+. Try{' '}
        {EXAMPLES.map((e, i) => (
          <span key={e.smiles}>
            {i > 0 ? ', ' : ''}
            <button
              type="button"
              className="link-button"
              title={e.smiles}
              onClick={() => {
                setText(e.smiles);
                void loadSmiles(e.smiles);
              }}
            >
              {e.name}
            </button>
          </span>
        ))}
        .
      </p>
    </section>
  );
}
