/**
 * The URL hash holds the page and the workbench's view state, so that a link reproduces a view:
 * `#/structures?smiles=CCO&seed=1&rot=…&model=nequip&pseed=0&trials=3&axis=z&steps=24`.
 * Plain page links (`#/benchmarks`) keep working; unknown or malformed values are ignored.
 */
import { DEFAULT_PROBE_SETTINGS, type ProbeSettings, sanitizeProbeSettings } from '../store/probe-settings';
import type { StructureSource } from '../store/structure-slice';

export interface HashRoute {
  page: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): HashRoute {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  return q < 0
    ? { page: body, params: new URLSearchParams() }
    : { page: body.slice(0, q), params: new URLSearchParams(body.slice(q + 1)) };
}

export function formatHash(page: string, params: URLSearchParams): string {
  const query = params.toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

/** The part of the workbench state a link carries. */
export interface WorkbenchLink {
  /** Null: the link names no structure (or a file, which cannot travel in a URL). */
  source: Extract<StructureSource, { kind: 'sample' | 'smiles' }> | null;
  /** Row-major 3×3, or null for none. */
  rotation: number[] | null;
  probe: ProbeSettings;
}

const SAMPLE_FILE = /^[\w.-]{1,128}$/;
const MAX_SMILES_IN_LINK = 2_000;

/** Rounded so links stay short; 1e-6 in a rotation matrix is far below what a view can show. */
function compact(x: number): string {
  return String(Number(x.toFixed(6)));
}

function isRotation(r: number[]): boolean {
  if (r.length !== 9 || !r.every(Number.isFinite)) return false;
  // RᵀR ≈ I and det ≈ +1 (rounded entries: 1e-4 slack).
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      const dot = r[i] * r[j] + r[3 + i] * r[3 + j] + r[6 + i] * r[6 + j];
      if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-4) return false;
    }
  const det =
    r[0] * (r[4] * r[8] - r[5] * r[7]) -
    r[1] * (r[3] * r[8] - r[5] * r[6]) +
    r[2] * (r[3] * r[7] - r[4] * r[6]);
  return Math.abs(det - 1) < 1e-4;
}

function isIdentity(r: readonly number[]): boolean {
  return r.every((v, i) => Math.abs(v - (i % 4 === 0 ? 1 : 0)) < 1e-9);
}

export function writeWorkbenchLink(link: WorkbenchLink): URLSearchParams {
  const p = new URLSearchParams();
  if (link.source?.kind === 'sample') p.set('sample', link.source.file);
  if (link.source?.kind === 'smiles') {
    p.set('smiles', link.source.smiles);
    p.set('seed', String(link.source.seed));
  }
  if (link.rotation && !isIdentity(link.rotation)) p.set('rot', link.rotation.map(compact).join(','));
  const d = DEFAULT_PROBE_SETTINGS;
  const s = link.probe;
  if (s.model !== d.model) p.set('model', s.model);
  if (s.seed !== d.seed) p.set('pseed', String(s.seed));
  if (s.trials !== d.trials) p.set('trials', String(s.trials));
  if (s.sweepAxis !== d.sweepAxis) p.set('axis', s.sweepAxis);
  if (s.sweepSteps !== d.sweepSteps) p.set('steps', String(s.sweepSteps));
  return p;
}

export function readWorkbenchLink(p: URLSearchParams): WorkbenchLink {
  let source: WorkbenchLink['source'] = null;
  const sample = p.get('sample');
  const smiles = p.get('smiles');
  if (sample && SAMPLE_FILE.test(sample)) source = { kind: 'sample', file: sample };
  else if (smiles?.trim() && smiles.length <= MAX_SMILES_IN_LINK) {
    const seed = Number(p.get('seed') ?? '1');
    source = { kind: 'smiles', smiles: smiles.trim(), seed: Number.isInteger(seed) && seed >= 0 ? seed : 1 };
  }
  const rot = p.get('rot')?.split(',').map(Number) ?? null;
  return {
    source,
    rotation: rot && isRotation(rot) ? rot : null,
    probe: sanitizeProbeSettings({
      model: p.get('model') ?? undefined,
      seed: p.get('pseed') ?? undefined,
      trials: p.get('trials') ?? undefined,
      sweepAxis: p.get('axis') ?? undefined,
      sweepSteps: p.get('steps') ?? undefined,
    }),
  };
}

/** Whether two sources name the same structure (a link need not reload what is shown). */
export function sameSource(a: StructureSource | null, b: StructureSource | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'sample' && b.kind === 'sample') return a.file === b.file;
  if (a.kind === 'smiles' && b.kind === 'smiles') return a.smiles === b.smiles && a.seed === b.seed;
  return false;
}
