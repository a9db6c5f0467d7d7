import { describe, expect, it } from 'vitest';
import { Irrep, Irreps, irrepProduct } from './irreps';

describe('Irrep', () => {
  it('parses and prints e3nn names', () => {
    expect(Irrep.parse('1o')).toMatchObject({ l: 1, p: -1 });
    expect(Irrep.parse(' 2e ')).toMatchObject({ l: 2, p: 1 });
    expect(Irrep.parse('10o').toString()).toBe('10o');
    // "y" is e3nn's spherical-harmonic parity (−1)^l
    expect(Irrep.parse('3y').toString()).toBe('3o');
    expect(Irrep.parse('2y').toString()).toBe('2e');
    expect(Irrep.parse('0e').dim).toBe(1);
    expect(Irrep.parse('4o').dim).toBe(9);
    expect(Irrep.parse('0e').isScalar()).toBe(true);
    expect(Irrep.parse('0o').isScalar()).toBe(false);
  });

  it.each(['', 'e', '1', '1x', '-1e', '1.5o', '1 o', 'l1e', '1E'])('rejects %j', (bad) => {
    expect(() => Irrep.parse(bad)).toThrow(/Unable to parse irrep/);
  });

  it('orders like the tuple (l, p): "1o" before "1e"', () => {
    const sorted = ['2e', '1e', '0o', '1o', '0e'].map((s) => Irrep.parse(s)).sort((a, b) => a.compare(b));
    expect(sorted.map(String)).toEqual(['0o', '0e', '1o', '1e', '2e']);
  });

  it('gives the selection rule for products', () => {
    expect(irrepProduct(Irrep.parse('1o'), Irrep.parse('2e')).map(String)).toEqual(['1o', '2o', '3o']);
    expect(irrepProduct(Irrep.parse('1o'), Irrep.parse('1o')).map(String)).toEqual(['0e', '1e', '2e']);
    expect(irrepProduct(Irrep.parse('3e'), Irrep.parse('0o')).map(String)).toEqual(['3o']);
  });
});

describe('Irreps', () => {
  it('parses with and without multiplicities, tolerating whitespace', () => {
    const irreps = Irreps.parse(' 8x0e + 8 x 1o+4x2e ');
    expect(irreps.toString()).toBe('8x0e+8x1o+4x2e');
    expect(Irreps.parse('0e+1o').toString()).toBe('1x0e+1x1o');
    expect(Irreps.parse('').length).toBe(0);
    expect(Irreps.parse('0x1e').dim).toBe(0);
  });

  it.each(['8x', 'x0e', '8x0e++1o', '8x0e+', '1q', '2x-1e', '0e 1o', '1.5x0e'])('rejects %j', (bad) => {
    expect(() => Irreps.parse(bad)).toThrow(/Unable to parse irreps/);
  });

  it('names the offending term in the error', () => {
    expect(() => Irreps.parse('8x0e+3x1k+1o')).toThrow(/term 2 \("3x1k"\)/);
  });

  it('counts dim, multiplicity, lmax and ls', () => {
    const irreps = Irreps.parse('8x0e+8x1o+4x2e');
    expect(irreps.dim).toBe(8 + 24 + 20);
    expect(irreps.numIrreps).toBe(20);
    expect(irreps.lmax).toBe(2);
    expect(Irreps.parse('2x0e+1x1o').ls).toEqual([0, 0, 1]);
    expect(Irreps.parse('2x1o+3x0e+1x1o').count('1o')).toBe(3);
    expect(() => new Irreps().lmax).toThrow(/empty/);
  });

  it('lays blocks out contiguously', () => {
    expect(Irreps.parse('8x0e+8x1o+4x2e').slices()).toEqual([
      { start: 0, stop: 8 },
      { start: 8, stop: 32 },
      { start: 32, stop: 52 },
    ]);
  });

  it('simplifies like e3nn', () => {
    // e3nn docstring examples
    expect(Irreps.parse('1e + 1e + 0e').simplify().toString()).toBe('2x1e+1x0e');
    expect(Irreps.parse('1e + 1e + 0e + 1e').simplify().toString()).toBe('2x1e+1x0e+1x1e');
    expect(Irreps.parse('0x0e + 2x1o + 0x2e + 1o').simplify().toString()).toBe('3x1o');
  });

  it('sorts like e3nn, with the same permutations', () => {
    // e3nn docstring: Irreps("2o + 1e + 0e + 1e").sort() -> p = (3, 1, 0, 2), inv = (2, 1, 3, 0)
    const { irreps, p, inv } = Irreps.parse('2o + 1e + 0e + 1e').sort();
    expect(irreps.toString()).toBe('1x0e+1x1e+1x1e+1x2o');
    expect(p).toEqual([3, 1, 0, 2]);
    expect(inv).toEqual([2, 1, 3, 0]);
    expect(Irreps.parse('1e + 2x1o').sort().irreps.toString()).toBe('2x1o+1x1e');
    expect(Irreps.parse('1e + 0e + 2x1e + 1o').regroup().toString()).toBe('1x0e+1x1o+3x1e');
  });

  it('builds the spherical-harmonic irreps', () => {
    expect(Irreps.sphericalHarmonics(3).toString()).toBe('1x0e+1x1o+1x2e+1x3o');
    expect(Irreps.sphericalHarmonics(2, 1).toString()).toBe('1x0e+1x1e+1x2e');
    expect(Irreps.sphericalHarmonics(4).dim).toBe(25);
  });

  it('compares, concatenates and iterates', () => {
    const a = Irreps.parse('2x0e+1o');
    expect(a.equals('2x0e+1x1o')).toBe(true);
    expect(a.equals('2x0e+1x1e')).toBe(false);
    expect(a.equals('2x0e')).toBe(false);
    expect(a.concat('3x2e').toString()).toBe('2x0e+1x1o+3x2e');
    expect([...a].map(({ mul, ir }) => `${mul}:${ir}`)).toEqual(['2:0e', '1:1o']);
    expect(new Irreps([[2, '1o'], { mul: 1, ir: new Irrep(0, 1) }]).toString()).toBe('2x1o+1x0e');
    expect(() => new Irreps([[-1, '1o']])).toThrow(RangeError);
  });
});
