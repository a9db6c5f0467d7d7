/** The bundled samples listed in public/samples/index.json (read leniently: an array or { samples: [] }). */
export interface SampleEntry {
  name: string;
  /** URL of the file, relative to the app. */
  url: string;
  /** File name, used to pick the parser. */
  fileName: string;
  kind: string | null;
  description: string | null;
}

const BASE = `${import.meta.env.BASE_URL}samples/`;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export function parseSampleIndex(json: unknown): SampleEntry[] {
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { samples?: unknown }).samples)
      ? (json as { samples: unknown[] }).samples
      : [];
  const out: SampleEntry[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const file = text(o.file) ?? text(o.path) ?? text(o.url);
    if (!file) continue;
    const fileName = file.split('/').pop() ?? file;
    out.push({
      name: text(o.name) ?? text(o.title) ?? text(o.label) ?? fileName,
      url: /^(https?:)?\//.test(file) ? file : `${BASE}${file}`,
      fileName,
      kind: text(o.kind) ?? text(o.type),
      description: text(o.description),
    });
  }
  return out;
}

export async function fetchSampleIndex(): Promise<SampleEntry[]> {
  const response = await fetch(`${BASE}index.json`);
  if (!response.ok) throw new Error(`the sample list could not be fetched (HTTP ${response.status})`);
  return parseSampleIndex(await response.json());
}

export async function fetchSample(sample: SampleEntry): Promise<Uint8Array> {
  const response = await fetch(sample.url);
  if (!response.ok) throw new Error(`${sample.fileName} could not be fetched (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
