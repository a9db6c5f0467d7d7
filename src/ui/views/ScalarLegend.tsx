import { formatValue } from '../format';
import { divergingCssGradient } from './colormap';
import type { ScalarScale } from './scalar-scale';

/** The colormap bar for per-atom scalars: its two ends, the mid value, and the data's min and max. */
export function ScalarLegend({ scale, title }: { scale: ScalarScale; title: string }) {
  return (
    <figure className="legend scalar-legend" aria-label={`Colour legend: ${title}`}>
      <figcaption className="legend-title">{title}</figcaption>
      <div className="legend-bar" style={{ background: divergingCssGradient() }} />
      <div className="legend-ticks mono">
        <span>{formatValue(scale.lo)}</span>
        <span>{formatValue((scale.lo + scale.hi) / 2)}</span>
        <span>{formatValue(scale.hi)}</span>
      </div>
      <p className="mono legend-range">
        min <output aria-label="Scalar minimum">{formatValue(scale.min)}</output> · max{' '}
        <output aria-label="Scalar maximum">{formatValue(scale.max)}</output>
      </p>
    </figure>
  );
}
