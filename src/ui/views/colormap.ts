/**
 * Diverging blue–white–red colormap (ColorBrewer RdBu, 7 classes, reversed so negative is blue).
 * Symmetric about 0: callers divide values by max |value| so white always means zero.
 */
const STOPS: readonly [number, number, number][] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

/** sRGB in 0..1 for t in [−1, 1] (clamped), linearly interpolated between the stops. */
export function divergingRgb(t: number): [number, number, number] {
  const x = ((Math.min(1, Math.max(-1, t)) + 1) / 2) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return [0, 1, 2].map((k) => (a[k] + (b[k] - a[k]) * f) / 255) as [number, number, number];
}

/** The same colormap as a CSS gradient, for the legend. */
export function divergingCssGradient(direction = 'to right'): string {
  const stops = STOPS.map(
    ([r, g, b], i) => `rgb(${r} ${g} ${b}) ${((100 * i) / (STOPS.length - 1)).toFixed(1)}%`,
  );
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}
