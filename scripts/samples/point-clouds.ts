/** Sample point clouds from closed-form surfaces and curves (no randomness: files are stable). */
import type { Frame } from '../../src/data/formats/types';
import { rounded } from './geometry';

/** Torus (major radius R, minor r) on a uniform (u, v) grid, with unit surface normals. */
export function torus(R = 1, r = 0.35, nu = 64, nv = 24): Frame {
  const positions: number[] = [];
  const normal: number[][] = [[], [], []];
  for (let i = 0; i < nu; i++) {
    const u = (2 * Math.PI * i) / nu;
    for (let j = 0; j < nv; j++) {
      const v = (2 * Math.PI * j) / nv;
      const n = [Math.cos(v) * Math.cos(u), Math.cos(v) * Math.sin(u), Math.sin(v)];
      positions.push(R * Math.cos(u) + r * n[0], R * Math.sin(u) + r * n[1], r * n[2]);
      for (let k = 0; k < 3; k++) normal[k].push(n[k]);
    }
  }
  return {
    positions: Float64Array.from(positions),
    elements: [],
    properties: {
      nx: Float64Array.from(normal[0]),
      ny: Float64Array.from(normal[1]),
      nz: Float64Array.from(normal[2]),
    },
    comment: `torus R=${R} r=${r}, ${nu}x${nv} grid, unit normals nx ny nz`,
  };
}

/** n nearly uniform points on the unit sphere (Fibonacci lattice). */
export function sphere(n = 500): Frame {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const positions: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = 1 - (2 * i + 1) / n;
    const rho = Math.sqrt(1 - z * z);
    positions.push(rho * Math.cos(golden * i), rho * Math.sin(golden * i), z);
  }
  return {
    positions: Float64Array.from(positions, (x) => rounded(x)),
    elements: [],
    comment: `unit sphere, ${n} points on a Fibonacci lattice`,
  };
}

/** A right-handed helix: radius 1, rise 0.5 per turn, 4 turns; t is the curve parameter in turns. */
export function helix(n = 200, turns = 4): Frame {
  const positions: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = (turns * i) / (n - 1);
    positions.push(Math.cos(2 * Math.PI * s), Math.sin(2 * Math.PI * s), 0.5 * s);
    t.push(rounded(s));
  }
  return {
    positions: Float64Array.from(positions, (x) => rounded(x)),
    elements: [],
    properties: { t: Float64Array.from(t) },
    comment: `right-handed helix, radius 1, rise 0.5 per turn, ${turns} turns`,
  };
}
