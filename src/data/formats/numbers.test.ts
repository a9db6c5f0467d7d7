import { describe, expect, it } from 'vitest';
import { formatFixed, formatNumber, parseFiniteNumber, parseStrictInteger } from './numbers';

describe('strict number parsing', () => {
  it('accepts plain decimals, exponents (including Fortran D) and signs', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['-1.5', -1.5],
      ['+2', 2],
      ['.5', 0.5],
      ['5.', 5],
      ['1e3', 1000],
      ['1E-3', 0.001],
      ['1.0D+02', 100],
      ['-0', -0],
    ];
    for (const [text, value] of cases) expect(parseFiniteNumber(text)).toBe(value);
  });

  it('rejects what Number() and parseFloat() let through', () => {
    for (const text of [
      '',
      ' ',
      '1 ',
      'nan',
      'NaN',
      'inf',
      '-Infinity',
      '0x10',
      '1e',
      '1e+',
      '.',
      '-',
      '1.5abc',
      '1,5',
      '1e999',
      '--1',
      '1..2',
      '١',
    ]) {
      expect(parseFiniteNumber(text), text).toBeUndefined();
    }
  });

  it('parses safe integers only', () => {
    expect(parseStrictInteger('42')).toBe(42);
    expect(parseStrictInteger('-7')).toBe(-7);
    for (const text of ['', '+', '4.0', '1e3', '99999999999999999999'])
      expect(parseStrictInteger(text), text).toBeUndefined();
  });

  it('formats numbers so that they read back exactly', () => {
    for (const x of [0, -0, 1 / 3, -1e-300, 1.7976931348623157e308, 5e-324, 123456.789]) {
      expect(Object.is(parseFiniteNumber(formatNumber(x)), x)).toBe(true);
    }
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
  });

  it('fixed formatting never writes a negative zero', () => {
    expect(formatFixed(-0.00001, 4)).toBe('0.0000');
    expect(formatFixed(-0, 3)).toBe('0.000');
    expect(formatFixed(-1.23456, 4)).toBe('-1.2346');
  });

  it('scans long tokens in linear time', () => {
    const long = '1'.repeat(2_000_000);
    const t0 = performance.now();
    expect(parseFiniteNumber(`${long}x`)).toBeUndefined();
    expect(parseFiniteNumber(`0.${long}`)).toBeCloseTo(0.111, 3);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
