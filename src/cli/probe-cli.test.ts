import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOL } from '../test/tolerances';

const root = new URL('../..', import.meta.url).pathname;

/** Runs the CLI exactly as users do. */
function cli(args: string[]) {
  const r = spawnSync('npm', ['run', '-s', 'cli', '--', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FAMILIES = ['rotation', 'reflection', 'translation', 'permutation'];

describe('cli probe', () => {
  it('reads the built-in NequIP as equivariant on random atoms, in the documented JSON', () => {
    const r = cli(['probe', '--model', 'nequip', '--random', '5', '--trials', '1', '--seed', '2']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const k of FAMILIES) {
      expect(typeof out[k]).toBe('number');
      expect(out[k], k).toBeLessThanOrEqual(TOL.equivarianceF32);
    }
    expect(out.verdicts).toEqual({
      rotation: 'equivariant',
      reflection: 'equivariant',
      translation: 'invariant',
      permutation: 'equivariant',
    });
    expect(out.atoms).toBe(5);
    expect(out.model).toMatch(/^nequip-/);
    expect(out.layers.length).toBeGreaterThan(0);
    expect(out.floor).toBeGreaterThan(0);
  });

  it('reads a checkpointed coordinate MLP on a structure file as broken under rotation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-probe-'));
    const checkpoint = join(dir, 'mlp.json');
    const trained = cli([
      'train',
      '--dataset',
      'tetris',
      '--model',
      'mlp',
      '--steps',
      '2',
      '--save',
      checkpoint,
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const xyz = join(dir, 'four.xyz');
    writeFileSync(xyz, '4\nfour atoms\nC 0 0 0\nC 1.2 0.1 0\nO 0.3 1.3 0.2\nH -0.4 0.2 1.1\n');
    const r = cli(['probe', '--model', checkpoint, '--structure', xyz, '--trials', '2']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verdicts.rotation).toBe('broken');
    expect(out.rotation).toBeGreaterThan(1e-2);
    // Its inputs are centred coordinates, so it does ignore translations.
    expect(out.verdicts.translation).toBe('invariant');
    expect(out.model).toBe('mlp-h64x64');
  });

  it.each([
    [['probe', '--random', '4'], /--model is required/],
    [['probe', '--model', 'nequip'], /exactly one of --structure FILE or --random N/],
    [['probe', '--model', 'nope', '--random', '3'], /--model must be one of .*nequip.* or a checkpoint file/],
    [['probe', '--model', 'nequip', '--random', '0'], /--random must be an integer from 1 to 2000/],
    [['probe', '--model', 'nequip', '--structure', '/nonexistent/file.xyz'], /--structure \/nonexistent/],
  ])('rejects %j with one line on stderr and exit code 2', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('rejects a malformed structure file with its line and column', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gauntlet-probe-')), 'bad.xyz');
    writeFileSync(file, '2\ncomment\nC 0 0 0\nC 1 zero 0\n');
    const r = cli(['probe', '--model', 'nequip', '--structure', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 4, column \d+/);
  });
});
