import type { ProbeVerdict } from '../../engine/types';
import { formatSci } from '../format';

/** An error with its verdict badge (the verdict's words, not only its colour). */
export function ErrorVerdict({
  error,
  verdict,
  label,
}: {
  error: number;
  verdict: ProbeVerdict;
  label: string;
}) {
  return (
    <>
      <output className="mono" aria-label={label} data-value={error}>
        {formatSci(error)}
      </output>{' '}
      <span className={`verdict verdict-${verdict}`}>{verdict}</span>
    </>
  );
}
