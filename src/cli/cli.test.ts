import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { relativeError } from '../test/compare';
import { TOL } from '../test/tolerances';

const root = new URL('../..', import.meta.url).pathname;
const shRef = JSON.parse(readFileSync(new URL('../../../shared/refdata/sh.json', import.meta.url), 'utf8'));

/** Runs the CLI exactly as users do: `npm run -s cli -- …` with JSON on stdin. */
function cli(args: string[], stdin: string) {
  const r = spawnSync('npm', ['run', '-s', 'cli', '--', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli sh', () => {
  it('matches e3nn on the GPU and the float64 twin on the CPU, in e3nn layout', () => {
    const c = shRef.cases.find(
      (k: { lmax: number; kind: string }) => k.lmax === 4 && k.kind === 'unnormalized',
    );
    for (const [backend, tol] of [
      ['gpu', TOL.f32Reduction],
      ['cpu', TOL.f64],
    ] as const) {
      const r = cli(['sh', '--lmax', '4', '--backend', backend], JSON.stringify({ vectors: c.x }));
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.irreps).toBe('1x0e+1x1o+1x2e+1x3o+1x4e');
      expect(out.values).toHaveLength(c.x.length);
      expect(relativeError(c.sh.flat(), out.values.flat())).toBeLessThan(tol);
    }
  });

  it.each([
    [['sh', '--lmax', '2'], 'not json', /not valid JSON/],
    [['sh', '--lmax', '2'], '{"vectors": [[1, 2]]}', /list of 3 numbers/],
    [['sh', '--lmax', '2'], '{"vectors": [[1, 2, "NaN"]]}', /not a finite number/],
    [['sh', '--lmax', '2'], '{"points": []}', /"vectors"/],
    [['sh', '--lmax', '13'], '{"vectors": [[1, 2, 3]]}', /lmax must be an integer from 0 to 12/],
    [['sh', '--lmax', '-1'], '{"vectors": [[1, 2, 3]]}', /--lmax must be an integer/],
    [['sh', '--lmax', '2', '--normalization', 'unit'], '{"vectors": []}', /--normalization must be one of/],
    [['sh', '--lmax', '2', '--bogus'], '{"vectors": []}', /unknown option --bogus/],
  ])('rejects bad input %j with a one-line message', (args, stdin, message) => {
    const r = cli(args, stdin);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
