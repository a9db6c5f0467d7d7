/**
 * Tick values for a log axis spanning [min, max]: 1-2-5 per decade over short ranges, decades
 * only over long ones. Plotly's own log ticks label every minor digit on short ranges, which
 * crowds a small chart. Ticks reach a factor 2 past the data, so even one point gets two labels
 * (plotly does not draw those that fall off the axis).
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const steps = hi - lo <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++)
    for (const s of steps) {
      const v = s * 10 ** e;
      if (v >= min / 2 && v <= max * 2) ticks.push(Number(v.toPrecision(1)));
    }
  return ticks;
}
