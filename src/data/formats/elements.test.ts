import { describe, expect, it } from 'vitest';
import {
  atomicNumber,
  canonicalSymbol,
  covalentRadius,
  ELEMENTS,
  elementByNumber,
  elementColor,
  elementColorHex,
} from './elements';

describe('periodic table', () => {
  it('has elements 1-118 in order with unique symbols and names', () => {
    expect(ELEMENTS).toHaveLength(118);
    expect(ELEMENTS.map((e) => e.z)).toEqual(Array.from({ length: 118 }, (_, i) => i + 1));
    expect(new Set(ELEMENTS.map((e) => e.symbol)).size).toBe(118);
    expect(new Set(ELEMENTS.map((e) => e.symbol.toUpperCase())).size).toBe(118);
    expect(elementByNumber(118)?.symbol).toBe('Og');
    expect(elementByNumber(0)).toBeUndefined();
    expect(elementByNumber(6.5)).toBeUndefined();
  });

  it('canonicalises symbols in any letter case', () => {
    expect(canonicalSymbol('cl')).toBe('Cl');
    expect(canonicalSymbol('CL')).toBe('Cl');
    expect(canonicalSymbol('Xx')).toBeUndefined();
    expect(canonicalSymbol('')).toBeUndefined();
    expect(atomicNumber('Fe')).toBe(26);
  });

  it('carries Cordero 2008 covalent radii for Z ≤ 96', () => {
    expect(covalentRadius('H')).toBe(0.31);
    expect(covalentRadius('C')).toBe(0.76);
    expect(covalentRadius('Cl')).toBe(1.02);
    expect(covalentRadius('Cs')).toBe(2.44);
    expect(covalentRadius('Cm')).toBe(1.69);
    expect(covalentRadius('Bk')).toBeUndefined();
    expect(ELEMENTS.filter((e) => e.covalentRadius !== null)).toHaveLength(96);
  });

  it('carries Jmol colours', () => {
    expect(elementColorHex('C')).toBe('#909090');
    expect(elementColorHex('O')).toBe('#ff0d0d');
    expect(elementColorHex('H')).toBe('#ffffff');
    expect(elementColor('Mt')).toBe(0xeb0026);
    expect(elementColor('Og')).toBe(0xff1493);
    expect(elementColor('??')).toBe(0xff1493);
  });
});
