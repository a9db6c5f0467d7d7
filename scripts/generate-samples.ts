/**
 * Writes the bundled samples to public/samples/ (molecules and point clouds) and their index.
 * Run: npx vite-node scripts/generate-samples.ts. The output is committed; a test
 * (src/data/formats/samples.test.ts) fails if it no longer matches what this builds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSamples, sampleIndex } from './samples/build-samples';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'samples');
mkdirSync(out, { recursive: true });
const samples = buildSamples();
for (const { entry, data } of samples) {
  writeFileSync(join(out, entry.file), data);
  console.log(`${entry.file.padEnd(24)} ${entry.format.padEnd(6)} ${entry.atoms} atoms × ${entry.frames}`);
}
writeFileSync(join(out, 'index.json'), sampleIndex(samples));
console.log(`index.json: ${samples.length} samples in ${out}`);
