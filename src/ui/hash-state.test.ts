import { describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_SETTINGS } from '../store/probe-settings';
import { formatHash, parseHash, readWorkbenchLink, sameSource, writeWorkbenchLink } from './hash-state';

const c = Math.cos(0.3);
const s = Math.sin(0.3);
const ROT = [c, -s, 0, s, c, 0, 0, 0, 1];

describe('hash state', () => {
  it('splits page and query; plain page links still parse', () => {
    expect(parseHash('#/benchmarks').page).toBe('benchmarks');
    expect(parseHash('').page).toBe('');
    const r = parseHash('#/structures?smiles=CCO&seed=2');
    expect(r.page).toBe('structures');
    expect(r.params.get('smiles')).toBe('CCO');
    expect(formatHash('structures', new URLSearchParams())).toBe('#/structures');
  });

  it('round-trips a SMILES source, rotation and probe settings through a link', () => {
    const link = {
      source: { kind: 'smiles' as const, smiles: 'C[C@H](N)C(=O)O', seed: 4 },
      rotation: ROT,
      probe: { model: 'egnn', seed: 7, trials: 5, sweepAxis: 'x' as const, sweepSteps: 36 },
    };
    const hash = formatHash('structures', writeWorkbenchLink(link));
    const back = readWorkbenchLink(parseHash(hash).params);
    expect(back.source).toEqual(link.source);
    expect(back.probe).toEqual(link.probe);
    for (const [i, v] of (back.rotation ?? []).entries()) expect(v).toBeCloseTo(ROT[i], 6);
  });

  it('leaves defaults and the identity out of the link', () => {
    const p = writeWorkbenchLink({
      source: { kind: 'sample', file: 'water.xyz' },
      rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      probe: { ...DEFAULT_PROBE_SETTINGS },
    });
    expect(p.toString()).toBe('sample=water.xyz');
  });

  it('ignores malformed values', () => {
    const back = readWorkbenchLink(
      new URLSearchParams('sample=../../etc/passwd&rot=1,2,3&trials=1e9&axis=w&model=<script>&pseed=-1'),
    );
    expect(back.source).toBeNull();
    expect(back.rotation).toBeNull();
    expect(back.probe).toEqual(DEFAULT_PROBE_SETTINGS);
    // A reflection is not a rotation.
    expect(readWorkbenchLink(new URLSearchParams('rot=-1,0,0,0,1,0,0,0,1')).rotation).toBeNull();
  });

  it('compares sources', () => {
    expect(sameSource({ kind: 'sample', file: 'a' }, { kind: 'sample', file: 'a' })).toBe(true);
    expect(
      sameSource({ kind: 'smiles', smiles: 'C', seed: 1 }, { kind: 'smiles', smiles: 'C', seed: 2 }),
    ).toBe(false);
    expect(sameSource(null, null)).toBe(true);
  });
});
