import type { LayerResult } from '../../engine/types';
import { formatSci } from '../format';

const KINDS = ['rotation', 'reflection', 'translation', 'permutation'] as const;

/** Per-layer errors: where along the network equivariance holds or breaks. */
export function ProbeLayersTable({ layers }: { layers: readonly LayerResult[] }) {
  return (
    <div className="table-scroll">
      <table className="probe-table probe-layers" aria-label="Per-layer errors">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col" title="Rotation">
              rot
            </th>
            <th scope="col" title="Reflection">
              refl
            </th>
            <th scope="col" title="Translation">
              trans
            </th>
            <th scope="col" title="Permutation">
              perm
            </th>
          </tr>
        </thead>
        <tbody>
          {layers.map((layer) => (
            <tr key={layer.name}>
              <th scope="row" title={layer.irreps}>
                {layer.name}
              </th>
              {KINDS.map((k) => (
                <td
                  key={k}
                  className={`mono verdict-cell verdict-cell-${layer.verdicts[k]}`}
                  title={`${layer.verdicts[k]} (tolerance ${formatSci(layer.tolerance)})`}
                >
                  {formatSci(layer.errors[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
