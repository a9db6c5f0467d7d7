import type { ShFieldResult } from '../../engine/types';
import { formatValue } from '../format';
import { divergingCssGradient } from './colormap';
import { symmetricRange } from './three/sh-sphere-scene';

/** The colormap bar, symmetric about zero, with the field's actual min and max. */
export function ColorLegend({ field }: { field: ShFieldResult }) {
  const range = symmetricRange(field);
  return (
    <figure className="legend" aria-label="Colour legend">
      <div className="legend-bar" style={{ background: divergingCssGradient() }} />
      <div className="legend-ticks mono">
        <span>{formatValue(-range)}</span>
        <span>0</span>
        <span>{formatValue(range)}</span>
      </div>
      <figcaption className="mono">
        min <span>{formatValue(field.min)}</span> · max <span>{formatValue(field.max)}</span>
      </figcaption>
    </figure>
  );
}
