/** Scientific notation with two significant digits, e.g. "3.2e-7" (parseFloat reads it back). */
export function formatSci(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x.toExponential(1);
}

/** A value for tables and legends: 3 significant digits, no exponent for everyday magnitudes. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e5 ? x.toPrecision(3) : x.toExponential(2);
}

/** An angle in degrees (the readout shows radians, as e3nn takes them; degrees go in the tooltip). */
export function formatDegrees(rad: number): string {
  return `${((rad * 180) / Math.PI).toFixed(1)}°`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1 && Number.isInteger(value / 1024)) {
    value /= 1024;
    unit++;
  }
  return `${value} ${UNITS[unit]}`;
}

/** Minus sign instead of hyphen for displayed integers such as m = −2. */
export function formatSigned(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

/** A short adapter name for the status bar: the driver's description, else vendor and architecture. */
export function adapterLabel(report: {
  name: string;
  description: string;
  vendor: string;
  architecture: string;
}): string {
  return report.description || [report.vendor, report.architecture].filter(Boolean).join(' ') || report.name;
}

/** Milliseconds with 3 significant digits and no exponent for the range benchmarks produce. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  return ms >= 100 ? ms.toFixed(0) : ms >= 0.001 ? ms.toPrecision(3) : ms.toExponential(1);
}

/** A speed ratio such as "2.4×" or "0.031×". */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2)}×`;
}
