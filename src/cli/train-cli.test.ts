import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointFromJson } from '../train/checkpoint';

const root = new URL('../..', import.meta.url).pathname;

/** Runs the CLI exactly as users do. */
function cli(args: string[]) {
  const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'train', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli train', () => {
  it('trains, prints progress on stderr and one JSON report on stdout, and saves a checkpoint', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gauntlet-train-')), 'mlp.json');
    const r = cli(['--dataset', 'tetris', '--model', 'mlp', '--steps', '20', '--seed', '3', '--save', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/step 20\/20 {2}loss \d/);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['steps', 'seconds', 'train_loss', 'test_accuracy', 'equivariance_error']),
    );
    expect(out.steps).toBe(20);
    expect(out.model).toBe('mlp-h64x64');
    expect(out.test_accuracy).toBeGreaterThanOrEqual(0);
    // A coordinate MLP is far from invariant.
    expect(out.equivariance_error).toBeGreaterThan(0.01);
    const checkpoint = checkpointFromJson(JSON.parse(readFileSync(file, 'utf8')));
    expect(checkpoint.state.step).toBe(20);
    expect(checkpoint.model.kind).toBe('mlp');
  });

  it('trains a small Gaunt NequIP model whose logits are rotation-invariant', () => {
    const r = cli([
      '--model',
      'nequip',
      '--tp',
      'gaunt-fft',
      '--steps',
      '2',
      '--channels',
      '2',
      '--lmax',
      '1',
      '--layers',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toBe('nequip-gaunt-fft-c2-l1-x1');
    expect(out.equivariance_error).toBeLessThan(1e-5);
  });

  it.each([
    [['--model', 'mlp', '--tp', 'cg'], /--tp applies to --model nequip only/],
    [['--lr', '-1', '--dataset', 'tetris'], /--lr must be a positive number/],
  ])('rejects %j with a one-line message', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
