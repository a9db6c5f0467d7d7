/**
 * EGNN in float64 on the CPU, one structure at a time, written from the paper's equations
 * independently of the GPU code path: the oracle for the model's outputs and, by finite
 * differences of its energy, for the forces the tape computes.
 */
import type { Sample } from '../data/generators/types';
import type { ParameterSnapshot } from '../nn/parameters';
import { SILU_NORMALIZER } from '../nn/radial-mlp';
import type { EgnnConfig } from './egnn';

const silu = (v: number) => v / (1 + Math.exp(-v));

/**
 * rows × fanIn → rows × fanOut: y = scale·x·W/√fanIn + b, from the flat parameter `${name}.weight`
 * (W [fanIn, fanOut] row-major, then b when it is longer).
 */
function dense(
  p: ParameterSnapshot,
  name: string,
  x: Float64Array,
  rows: number,
  fanOut: number,
  scale: number,
): Float64Array {
  const w = p[`${name}.weight`].data;
  const fanIn = x.length / rows;
  const hasBias = w.length === fanIn * fanOut + fanOut;
  if (!hasBias && w.length !== fanIn * fanOut) throw new RangeError(`${name}: ${w.length} parameters`);
  const c = scale / Math.sqrt(fanIn);
  const out = new Float64Array(rows * fanOut);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < fanOut; o++) {
      let s = 0;
      for (let k = 0; k < fanIn; k++) s += x[r * fanIn + k] * w[k * fanOut + o];
      out[r * fanOut + o] = c * s + (hasBias ? w[fanIn * fanOut + o] : 0);
    }
  }
  return out;
}

/** Dense(hidden) → SiLU → Dense(fanOut) (→ SiLU), the second layer scaled by SiLU's normaliser. */
function mlp(
  p: ParameterSnapshot,
  name: string,
  x: Float64Array,
  rows: number,
  fanOut: number,
  hidden: number,
  finalSilu: boolean,
) {
  const y = dense(
    p,
    `${name}.layer1`,
    dense(p, `${name}.layer0`, x, rows, hidden, 1).map(silu),
    rows,
    fanOut,
    SILU_NORMALIZER,
  );
  return finalSilu ? y.map(silu) : y;
}

/** Row-wise concatenation of matrices with `rows` rows. */
function concatRows(rows: number, parts: [Float64Array, number][]): Float64Array {
  const width = parts.reduce((s, [, w]) => s + w, 0);
  const out = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let at = r * width;
    for (const [m, w] of parts) {
      out.set(m.subarray(r * w, (r + 1) * w), at);
      at += w;
    }
  }
  return out;
}

/** The model's output for one sample: logits [K], positions [n·3] or energy [1]. */
export function egnn64(c: EgnnConfig, p: ParameterSnapshot, sample: Sample): Float64Array {
  const { positions, species, charges } = sample.structure;
  const n = species.length;
  const H = c.hidden;
  const width = c.numSpecies + (c.velocities ? 1 : 0);
  const inputs = new Float64Array(n * width);
  const v0 = sample.velocities ?? new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    inputs[i * width + species[i]] = 1;
    if (c.velocities) inputs[i * width + c.numSpecies] = Math.hypot(v0[3 * i], v0[3 * i + 1], v0[3 * i + 2]);
  }
  const x = Float64Array.from(positions);
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r2 = (k: number) => (positions[3 * i + k] - positions[3 * j + k]) ** 2;
      if (i !== j && (c.edges === 'full' || r2(0) + r2(1) + r2(2) < c.cutoff ** 2)) pairs.push([i, j]);
    }
  }
  const E = pairs.length;
  const degree = new Float64Array(n);
  for (const [i] of pairs) degree[i]++;
  let h = dense(p, 'egnn.embed', inputs, n, H, 1);
  for (let l = 0; l < c.layers; l++) {
    const name = `egnn.layer${l}`;
    const d = new Float64Array(3 * E);
    const edgeIn: [Float64Array, number][] = [
      [new Float64Array(E * H), H],
      [new Float64Array(E * H), H],
      [new Float64Array(E), 1],
      [new Float64Array(E), 1],
    ];
    pairs.forEach(([i, j], e) => {
      for (let k = 0; k < 3; k++) d[3 * e + k] = x[3 * i + k] - x[3 * j + k];
      edgeIn[0][0].set(h.subarray(i * H, (i + 1) * H), e * H);
      edgeIn[1][0].set(h.subarray(j * H, (j + 1) * H), e * H);
      edgeIn[2][0][e] = d[3 * e] ** 2 + d[3 * e + 1] ** 2 + d[3 * e + 2] ** 2;
      edgeIn[3][0][e] = charges ? charges[i] * charges[j] : 1;
    });
    const m = mlp(p, `${name}.phi_e`, concatRows(E, edgeIn), E, H, H, true);
    if (`${name}.phi_x.layer0.weight` in p) {
      const w = mlp(p, `${name}.phi_x`, m, E, 1, H, false);
      const shift = new Float64Array(3 * n);
      pairs.forEach(([i], e) => {
        for (let k = 0; k < 3; k++) shift[3 * i + k] += d[3 * e + k] * w[e];
      });
      if (c.aggregation === 'mean')
        for (let k = 0; k < 3 * n; k++) shift[k] /= Math.max(degree[Math.floor(k / 3)], 1);
      if (c.velocities) {
        const f = mlp(p, `${name}.phi_v`, h, n, 1, H, false);
        for (let k = 0; k < 3 * n; k++) x[k] += f[Math.floor(k / 3)] * v0[k] + shift[k];
      } else {
        for (let k = 0; k < 3 * n; k++) x[k] += shift[k];
      }
    }
    const agg = new Float64Array(n * H);
    pairs.forEach(([i], e) => {
      for (let u = 0; u < H; u++) agg[i * H + u] += m[e * H + u];
    });
    const dh = mlp(
      p,
      `${name}.phi_h`,
      concatRows(n, [
        [h, H],
        [agg, H],
      ]),
      n,
      H,
      H,
      false,
    );
    h = h.map((v, k) => v + dh[k]);
  }
  if (c.task === 'regression') return x;
  if (c.task === 'forces') {
    const e = mlp(p, 'egnn.head', h, n, 1, H, false);
    return Float64Array.of(c.energyScale * e.reduce((s, v) => s + v, 0) + c.energyShift * n);
  }
  const pooled = new Float64Array(H);
  for (let k = 0; k < n * H; k++) pooled[k % H] += h[k];
  return mlp(p, 'egnn.head', pooled, 1, c.numClasses, H, false);
}

/** −∂E/∂positions of one sample by central differences of `egnn64` (task 'forces'). */
export function egnnForces64(c: EgnnConfig, p: ParameterSnapshot, sample: Sample, step = 1e-5): Float64Array {
  const pos = sample.structure.positions;
  const energyAt = (k: number, delta: number) => {
    const moved = Float64Array.from(pos);
    moved[k] += delta;
    return egnn64(c, p, { ...sample, structure: { ...sample.structure, positions: moved } })[0];
  };
  return Float64Array.from(pos, (_, k) => -(energyAt(k, step) - energyAt(k, -step)) / (2 * step));
}
