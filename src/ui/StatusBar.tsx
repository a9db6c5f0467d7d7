import type { AdapterStatus } from '../store/adapter-slice';
import { adapterLabel } from './format';
import { useGauntlet } from './store-context';

const STATUS_TEXT: Record<AdapterStatus, string> = {
  connecting: 'opening the GPU…',
  ready: 'GPU ready',
  unavailable: 'WebGPU unavailable',
  lost: 'GPU device lost',
};

/** Bottom bar: which adapter the engine runs on and whether it is usable right now. */
export function StatusBar() {
  const adapter = useGauntlet((s) => s.adapter);
  return (
    <footer className="status-bar" role="contentinfo" aria-label="Status bar">
      <span className={`status-dot status-${adapter.status}`} aria-hidden="true" />
      <span className="status-text" role="status">
        {STATUS_TEXT[adapter.status]}
      </span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span className="status-label">Adapter</span>
      {adapter.report ? (
        <output className="mono" aria-label="Adapter name" title={adapter.report.name}>
          {adapterLabel(adapter.report)}
        </output>
      ) : (
        <span>{adapter.status === 'connecting' ? '…' : 'none'}</span>
      )}
      {adapter.report?.isFallback && (
        <span className="badge" title="A CPU implementation of WebGPU: correct results, not GPU speed">
          software adapter
        </span>
      )}
      {adapter.message && adapter.status !== 'unavailable' && (
        <span className="status-message" title={adapter.message}>
          {adapter.message}
        </span>
      )}
    </footer>
  );
}
