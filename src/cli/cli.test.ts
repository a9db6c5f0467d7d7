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

const tpRef = JSON.parse(readFileSync(new URL('../../../shared/refdata/tp.json', import.meta.url), 'utf8'));
const gauntRef = JSON.parse(
  readFileSync(new URL('../../../shared/refdata/gaunt_products.json', import.meta.url), 'utf8'),
);

describe('cli tp', () => {
  it('runs e3nn cases for cg (per-sample weights) and a Gaunt route, GPU and CPU', () => {
    const c = tpRef.cases.find((k: { shared_weights: boolean }) => !k.shared_weights);
    const cg = {
      method: 'cg',
      irreps_in1: c.irreps_in1,
      irreps_in2: c.irreps_in2,
      irreps_out: c.irreps_out,
      instructions: c.instructions.map((i: Record<string, unknown>) => [
        i.i_in1,
        i.i_in2,
        i.i_out,
        i.connection_mode,
        i.has_weight,
      ]),
      x1: c.x1,
      x2: c.x2,
      weights: c.weights,
    };
    const g = gauntRef.cases[2];
    const gaunt = {
      method: 'gaunt-fft',
      irreps_in1: g.irreps_in1,
      irreps_in2: g.irreps_in2,
      irreps_out: g.irreps_out,
      x1: g.x1,
      x2: g.x2,
    };
    for (const [payload, want] of [
      [cg, c.out],
      [gaunt, g.out],
    ]) {
      for (const [backend, tol] of [
        ['gpu', TOL.f32Reduction],
        ['cpu', TOL.f64],
      ] as const) {
        const r = cli(['tp', '--backend', backend], JSON.stringify(payload));
        expect(r.code, r.stderr).toBe(0);
        expect(relativeError(want.flat(), JSON.parse(r.stdout).out.flat())).toBeLessThan(tol);
      }
    }
  });

  it.each([
    ['{"method": "fourier"}', /"method" must be one of/],
    [
      '{"method": "cg", "irreps_in1": "1x1o", "irreps_in2": "1x1o", "irreps_out": "1x1e", "x1": [[1,2,3]], "x2": [[1,2,3]]}',
      /weights: expected 1 values/,
    ],
    [
      '{"method": "cg", "irreps_in1": "1x1q", "irreps_in2": "1x1o", "irreps_out": "1x1e", "x1": [[1,2,3]], "x2": [[1,2,3]]}',
      /irreps_in1/,
    ],
    [
      '{"method": "cg", "irreps_in1": "1x1o", "irreps_in2": "1x1o", "irreps_out": "1x1e", "x1": [[1,2]], "x2": [[1,2,3]], "weights": [1]}',
      /x1 rows must have 3 values/,
    ],
    [
      '{"method": "gaunt-grid", "irreps_in1": "2x0e+2x1o", "irreps_in2": "1x0e+1x1o", "irreps_out": "2x0e", "x1": [[1,2,3,4,5,6,7,8]], "x2": [[1,2,3,4]]}',
      /same multiplicity/,
    ],
    [
      '{"method": "gaunt-grid", "irreps_in1": "1x0e+1x1e", "irreps_in2": "1x0e", "irreps_out": "1x0e", "x1": [[1,2,3,4]], "x2": [[1]]}',
      /irreps_in1/,
    ],
    [
      '{"method": "cg", "irreps_in1": "1x0e", "irreps_in2": "1x0e", "irreps_out": "1x0e", "x1": [[1]], "x2": [[1], [2]], "weights": [1]}',
      /x1 has 1 rows but x2 has 2/,
    ],
  ])('rejects %s with a one-line message', (stdin, message) => {
    const r = cli(['tp'], stdin);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('cli bench tp', () => {
  it('writes a well-formed report to stdout and --json FILE (shape, not timing)', () => {
    const file = `${root}/node_modules/.cache-bench-test.json`;
    const r = cli(
      [
        'bench',
        'tp',
        '--lmax',
        '1',
        '--batch',
        '1',
        '--channels',
        '1',
        '--settings',
        'siso',
        '--methods',
        'cg,gaunt-grid,cpu',
        '--json',
        file,
      ],
      '',
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
    expect(report.peak.fma_gflops).toBeGreaterThan(0);
    expect(report.rows.map((row: { method: string }) => row.method)).toEqual(['cg', 'gaunt-grid', 'cpu']);
    expect(r.stderr).toMatch(/\| siso \| 1 \| cg \|/);
  });
});
