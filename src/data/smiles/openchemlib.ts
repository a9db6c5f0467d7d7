/**
 * Loads openchemlib on first use (1 MB of code plus ~0.9 MB of conformer and force-field tables),
 * so pages that never see a SMILES string never pay for it. In Node (tests, CLI) the tables are
 * read from the package; in the browser worker they are fetched from the bundled asset.
 */
import resourcesUrl from '../../../node_modules/openchemlib/dist/resources.json?url';

export type OpenChemLib = typeof import('openchemlib');

/** The tables the conformer generator (COD torsions, bond lengths) and MMFF94 need; the rest is left out. */
const NEEDED = ['/resources/cod/', '/resources/forcefield/mmff94/'];

let loading: Promise<OpenChemLib> | null = null;

const isNode = () => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function readResources(): Promise<Record<string, string>> {
  if (isNode()) {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const path = createRequire(import.meta.url)
      .resolve('openchemlib')
      .replace(/openchemlib\.js$/, 'resources.json');
    return JSON.parse(await readFile(path, 'utf8'));
  }
  const response = await fetch(resourcesUrl);
  if (!response.ok) throw new Error(`Could not fetch the chemistry tables (${response.status})`);
  return response.json();
}

export function loadOpenChemLib(): Promise<OpenChemLib> {
  loading ??= (async () => {
    const [ocl, all] = await Promise.all([import('openchemlib'), readResources()]);
    const needed = Object.fromEntries(
      Object.entries(all).filter(([key]) => NEEDED.some((prefix) => key.startsWith(prefix))),
    );
    ocl.Resources.register(needed);
    return ocl;
  })();
  // A failed load (network, missing asset) may be retried by the next call.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
