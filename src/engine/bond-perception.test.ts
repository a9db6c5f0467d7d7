import { describe, expect, it } from 'vitest';
import { inferBonds } from './bond-perception';

function pairs(bonds: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < bonds.length; b += 2) out.push(`${bonds[b]}-${bonds[b + 1]}`);
  return out.sort();
}

describe('inferBonds', () => {
  it('bonds water and nothing across molecules', () => {
    // Two waters 5 Å apart.
    const positions = new Float64Array([
      0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0, 5, 0, 0, 5.96, 0, 0, 4.76, 0.93, 0,
    ]);
    const bonds = inferBonds(positions, ['O', 'H', 'H', 'O', 'H', 'H']);
    expect(pairs(bonds)).toEqual(['0-1', '0-2', '3-4', '3-5']);
  });

  it('matches brute force on a random cloud of 10⁴ atoms quickly', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 10_000;
    const positions = new Float64Array(3 * n).map(() => random() * 45);
    const elements = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'O' : i % 3 === 1 ? 'C' : 'H'));
    const started = performance.now();
    const bonds = inferBonds(positions, elements);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(500);
    const radius: Record<string, number> = { O: 0.66, C: 0.76, H: 0.31 };
    let brute = 0;
    for (let i = 0; i < 300; i++)
      for (let j = i + 1; j < n; j++) {
        const d = Math.hypot(
          positions[3 * i] - positions[3 * j],
          positions[3 * i + 1] - positions[3 * j + 1],
          positions[3 * i + 2] - positions[3 * j + 2],
        );
        if (d < 1.2 * (radius[elements[i]] + radius[elements[j]])) brute++;
      }
    let fast = 0;
    for (let b = 0; b < bonds.length; b += 2) if (bonds[b] < 300) fast++;
    expect(fast).toBe(brute);
  });
});
