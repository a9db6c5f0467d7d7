/**
 * Where a training step spends its GPU time, kernel by kernel:
 *   npx vite-node scripts/profile-step.ts -- nbody egnn
 * One warm-up step, then one profiled step (every dispatch in its own timed pass); prints the
 * kernels by total time. Development tool: profiled steps are slower than real ones.
 */

import { type TrainDataset, TrainRun } from '../src/engine/train-service';
import type { KernelTiming } from '../src/gpu/batch';
import { createNodeGpu } from '../src/gpu/node-gpu';
import type { ModelKind } from '../src/models/model';

const args = process.argv.slice(2).filter((a) => a !== '--');
const [dataset = 'tetris', model = 'nequip'] = args as [TrainDataset, ModelKind];
const gpu = await createNodeGpu({ label: 'profile' });
const run = new TrainRun({ dataset, model, steps: 10, logEvery: 10 }, gpu);
await run.trainer.trainStep();
await gpu.finish();
const timings: Promise<KernelTiming[]>[] = [];
gpu.profiler = (t) => timings.push(t);
await run.trainer.trainStep();
gpu.profiler = null;
const all = (await Promise.all(timings)).flat();
const byLabel = new Map<string, { ms: number; count: number; workgroups: number }>();
for (const t of all) {
  const e = byLabel.get(t.label) ?? { ms: 0, count: 0, workgroups: 0 };
  e.ms += t.ms;
  e.count++;
  e.workgroups += t.workgroups;
  byLabel.set(t.label, e);
}
const total = all.reduce((s, t) => s + t.ms, 0);
console.log(`${run.model.name} on ${dataset}: ${all.length} dispatches, ${total.toFixed(1)} ms GPU`);
for (const [label, e] of [...byLabel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
  console.log(
    `${e.ms.toFixed(1).padStart(9)} ms ${String(e.count).padStart(5)}× ${String(e.workgroups).padStart(8)} wg  ${label}`,
  );
run.dispose();
gpu.destroy();
