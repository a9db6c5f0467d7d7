import { useEffect } from 'react';
import { WebGpuUnavailable } from '../components/WebGpuUnavailable';
import { formatSci } from '../format';
import { ExpressivityTable } from '../panels/ExpressivityTable';
import { IrrepPairControls } from '../panels/IrrepPairControls';
import { useGauntlet } from '../store-context';

/** Which outputs each tensor product can reach from a pair of irreps: CG against the three Gaunt routes. */
export function ExpressivityPage() {
  const adapter = useGauntlet((s) => s.adapter);
  const expressivity = useGauntlet((s) => s.expressivity);
  const refresh = useGauntlet((s) => s.refreshExpressivity);

  // On first readiness and after a recovered device loss, measure the current pair.
  useEffect(() => {
    if (adapter.status === 'ready' && adapter.generation > 0) refresh();
  }, [adapter.status, adapter.generation, refresh]);

  const { report, busy, error } = expressivity;
  return (
    <div className="page page-single expressivity-page">
      <h1>Expressivity</h1>
      <p className="intro">
        Which output irreps can a tensor product make from two inputs? Clebsch–Gordan and the Gaunt product
        answer differently.
      </p>
      {adapter.status === 'unavailable' ? (
        <WebGpuUnavailable message={adapter.message ?? 'WebGPU could not be started.'} help={adapter.help} />
      ) : (
        <>
          <IrrepPairControls />
          <section className="panel" aria-label="Interactability table" aria-busy={busy}>
            <div className="results-header">
              <h2>Interactability</h2>
              {busy && <span className="busy">measuring on the GPU…</span>}
            </div>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            {report ? (
              <>
                <ExpressivityTable report={report} />
                {!report.gauntApplicable && (
                  <p className="note" role="note">
                    The Gaunt routes take spherical signals, whose degree-l part has parity (−1)<sup>l</sup>{' '}
                    (0e, 1o, 2e, …). {report.irrep1} ⊗ {report.irrep2} is not such a pair, so their columns
                    are n/a.
                  </p>
                )}
                <p className="legend-line">
                  <span className="cell-yes">✓</span> produces · <span className="cell-no">✗</span> does not ·{' '}
                  <span className="cell-na">n/a</span> not applicable · <span className="odd-swatch" /> odd
                  path (l₁+l₂+l₃ odd). Hover a cell for the measured norm.
                </p>
              </>
            ) : (
              <p className="empty-state">{adapter.status === 'ready' ? 'Measuring…' : 'Opening the GPU…'}</p>
            )}
          </section>
          <section className="panel explain-panel" aria-label="Why the columns differ">
            <h2>Why the columns differ</h2>
            <p>
              Gaunt coefficients are integrals of three spherical harmonics, and they vanish unless l₁+l₂+l₃
              is even. So Gaunt products have only even paths: no cross product (1o ⊗ 1o → 1e) and no
              pseudoscalars (0o). Their outputs are spherical signals, with parity (−1)<sup>l</sup> for degree
              l. The Clebsch–Gordan product reaches every output the selection rules allow: |l₁−l₂| ≤ l ≤
              l₁+l₂, with parity p₁p₂.
            </p>
            <p className="field-hint">
              Measured, not looked up: the engine runs the GPU kernels on random inputs and calls an output
              produced when its block's norm, relative to the inputs', exceeds{' '}
              {report ? formatSci(report.threshold) : 'the threshold'}.
            </p>
          </section>
        </>
      )}
    </div>
  );
}
