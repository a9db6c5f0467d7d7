import { Engine } from '../engine/engine';
import { createNodeGpu } from '../gpu/node-gpu';

/** Runs `work` with an engine whose GPU (if it is used at all) is closed afterwards so Node exits. */
export async function withNodeEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = new Engine(() => createNodeGpu({ label: 'gauntlet-cli' }));
  try {
    return await work(engine);
  } finally {
    await engine.dispose();
  }
}
