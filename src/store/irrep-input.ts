/** Highest degree the engine's expressivity table accepts (src/engine/expressivity.ts). */
export const EXPRESSIVITY_MAX_L = 6;

/**
 * Why `text` is not a single irrep the expressivity table takes, or null when it is one.
 * Checked in the page so a half-typed "2" never reaches the GPU; the engine checks again.
 */
export function irrepInputProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return 'Enter an irrep such as 1o or 2e.';
  const match = /^(\d+)([eo])$/.exec(trimmed);
  if (!match) return `"${trimmed}" is not an irrep: write the degree and the parity, e.g. 1o or 2e.`;
  const l = Number(match[1]);
  if (l > EXPRESSIVITY_MAX_L) return `Degree ${l} is above ${EXPRESSIVITY_MAX_L}, the highest offered here.`;
  return null;
}

/** The canonical spelling ("01o" → "1o"), for inputs that passed irrepInputProblem. */
export function canonicalIrrep(text: string): string {
  const match = /^(\d+)([eo])$/.exec(text.trim());
  return match ? `${Number(match[1])}${match[2]}` : text.trim();
}
