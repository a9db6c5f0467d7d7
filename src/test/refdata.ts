// Locates and parses the e3nn reference vectors (README in the refdata folder). They live outside
// the repository: $GAUNTLET_REFDATA wins, then shared/refdata in or beside the repository root.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function refdataDir(): string {
  const candidates = [
    process.env.GAUNTLET_REFDATA,
    join(repoRoot, 'shared/refdata'),
    join(repoRoot, '../shared/refdata'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`reference data not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** Parsed JSON of one reference file, e.g. loadRefdata<ShFile>('sh.json'). */
export function loadRefdata<T>(file: string): T {
  return JSON.parse(readFileSync(join(refdataDir(), file), 'utf8')) as T;
}
