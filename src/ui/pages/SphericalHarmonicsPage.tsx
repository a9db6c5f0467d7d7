import { useEffect } from 'react';
import { WebGpuUnavailable } from '../components/WebGpuUnavailable';
import { formatSigned } from '../format';
import { AdapterPanel } from '../panels/AdapterPanel';
import { EquivariancePanel } from '../panels/EquivariancePanel';
import { ShControls } from '../panels/ShControls';
import { useGauntlet } from '../store-context';
import { ColorLegend } from '../views/ColorLegend';
import { ShSphereView } from '../views/three/ShSphereView';

/** Real spherical harmonics from the GPU kernel, drawn on a sphere, with a live equivariance check. */
export function SphericalHarmonicsPage() {
  const adapter = useGauntlet((s) => s.adapter);
  const sh = useGauntlet((s) => s.sh);
  const refreshSh = useGauntlet((s) => s.refreshSh);

  // On first readiness and after a recovered device loss (new generation), recompute for the current settings.
  useEffect(() => {
    if (adapter.status === 'ready' && adapter.generation > 0) refreshSh();
  }, [adapter.status, adapter.generation, refreshSh]);

  if (adapter.status === 'unavailable') {
    return (
      <div className="page page-single">
        <h1>Spherical harmonics</h1>
        <WebGpuUnavailable message={adapter.message ?? 'WebGPU could not be started.'} help={adapter.help} />
      </div>
    );
  }

  const field = sh.field;
  const title = `Y_${field?.l ?? sh.l}^${field?.m ?? sh.m}`;
  return (
    <div className="page sh-page">
      <aside className="sidebar" aria-label="Controls and checks">
        <h1>Spherical harmonics</h1>
        <p className="intro">
          e3nn's real Y<sub>lm</sub>, computed by the WebGPU kernel.
        </p>
        <ShControls />
        <EquivariancePanel />
        <AdapterPanel />
      </aside>
      <section className="view-area" aria-label="Spherical harmonic view">
        <div className="view-header">
          <h2>
            Y<sub>{field?.l ?? sh.l}</sub>
            <sup>{formatSigned(field?.m ?? sh.m)}</sup>
            <span className="view-sub"> on the unit sphere{sh.showRadius ? ', radius ∝ |Y|' : ''}</span>
          </h2>
          {sh.fieldBusy && <span className="busy">computing…</span>}
        </div>
        {adapter.status === 'lost' && (
          <p className="error" role="alert">
            {adapter.message}
          </p>
        )}
        {sh.fieldError && (
          <p className="error" role="alert">
            {sh.fieldError}
          </p>
        )}
        <ShSphereView field={field} showRadius={sh.showRadius} label={`${title} coloured on a sphere`} />
        {!field && adapter.status === 'connecting' && <p className="view-placeholder">Opening the GPU…</p>}
        <div className="view-footer">
          {field && <ColorLegend field={field} />}
          <p className="caption">
            Blue negative, white zero, red positive, symmetric about 0. Axes follow e3nn:{' '}
            <b>y is the polar axis</b> (up), x = sin β sin α, z = sin β cos α. Drag to rotate, scroll to zoom.
          </p>
        </div>
      </section>
    </div>
  );
}
