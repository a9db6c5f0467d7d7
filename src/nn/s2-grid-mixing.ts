import type { Gpu } from '../gpu/runtime';
import { IrrepsLinearTables } from '../kernels/nn/irreps-linear';
import { signalIrreps } from '../o3/gaunt-layout';
import { Irreps } from '../o3/irreps';
import { makeLinearPlan } from '../o3/linear-instructions';
import { type S2Grid, s2Grid } from '../o3/quadrature';
import { sphericalHarmonics } from '../o3/spherical-harmonics';
import * as ops from '../ops/index';
import type { Context } from '../tensor/context';
import { Tensor } from '../tensor/tensor';
import { IrrepsLinear } from './irreps-linear';
import type { ParameterScope } from './parameters';
import { SILU_NORMALIZER } from './radial-mlp';

/**
 * The pointwise nonlinearity of the grid MLP. 'quadratic' (z + z²/2) keeps the grid signal
 * band-limited (degree ≤ 2L), so a grid exact for degree 3L projects it back exactly and the
 * layer is rotation-equivariant to float32 precision; 'silu' aliases (error falling with the
 * grid); 'identity' makes the layer linear.
 */
export type GridActivation = 'quadratic' | 'silu' | 'identity';

/**
 * 1/√(second moment) of the activation's output for z ~ N(0, 1), folded into the MLP's output
 * layer: SiLU's, and for z + z²/2: E[z²] + E[z³] + E[z⁴]/4 = 1 + 0 + 3/4.
 */
export function activationNormalizer(activation: GridActivation): number {
  if (activation === 'silu') return SILU_NORMALIZER;
  return activation === 'quadratic' ? 1 / Math.sqrt(1.75) : 1;
}

/** The grid MLP's activation as a float64 function (the twin's). */
function activate64(activation: GridActivation, z: number): number {
  if (activation === 'silu') return z / (1 + Math.exp(-z));
  if (activation === 'quadratic') return z + 0.5 * z * z;
  return z;
}

/** Smallest gridTheta for which the quadratic activation is projected back exactly. */
export function exactGridTheta(lmax: number): number {
  // Gauss–Legendre with n nodes integrates degree ≤ 2n − 1; the integrand Y_≤L · f² has degree 3L.
  return Math.max(lmax + 1, Math.ceil((3 * lmax + 1) / 2));
}

export interface S2GridMixingOptions {
  channels: number;
  /** Features are C×(0e + 1o + 2e + … + L) (spherical-harmonic parity only). */
  lmax: number;
  /** Width of the pointwise MLP's hidden layer. */
  hidden: number;
  /**
   * Gauss–Legendre nodes in cos θ, n ≥ lmax + 1; the grid is n × 2n azimuths, exact for
   * polynomials in the direction of degree ≤ 2n − 1 (≥ 2·lmax + 1: the linear round trip is exact).
   */
  gridTheta: number;
  /** Default 'quadratic' (exactly equivariant when gridTheta ≥ exactGridTheta(lmax)). */
  activation?: GridActivation;
}

/**
 * The grid and the two constant maps between coefficients and grid values, float64:
 * toGrid [D, P·C]: f(r̂_p)_c = Σ_lm x_{l,c,m} Y_lm(r̂_p) (component normalisation, e3nn's real SH);
 * fromGrid [P·C, D]: x_{l,c,m} = (1/4π) Σ_p w_p f(r̂_p)_c Y_lm(r̂_p) (quadrature projection).
 * Columns follow the e3nn layout C·l² + c·(2l+1) + l + m; grid values are point-major, p·C + c.
 */
export interface MixingGrid {
  readonly grid: S2Grid;
  readonly points: number;
  readonly toGrid: Float64Array;
  readonly fromGrid: Float64Array;
}

export function mixingGrid(channels: number, lmax: number, gridTheta: number): MixingGrid {
  if (!Number.isInteger(gridTheta) || gridTheta < lmax + 1)
    throw new RangeError(`S2 grid mixing: gridTheta ${gridTheta} < lmax + 1 = ${lmax + 1}`);
  // 2n azimuths: even, so φ → φ + π maps the grid onto itself and with y → −y (Gauss–Legendre
  // nodes are symmetric) the grid is inversion-symmetric: parity is exact.
  const grid = s2Grid(gridTheta, 2 * gridTheta);
  const P = grid.nTheta * grid.nPhi;
  const S = (lmax + 1) ** 2;
  const C = channels;
  const D = C * S;
  const Y = sphericalHarmonics(lmax, grid.points, { normalize: false, normalization: 'component' });
  const toGrid = new Float64Array(D * P * C);
  const fromGrid = new Float64Array(P * C * D);
  for (let l = 0; l <= lmax; l++) {
    for (let c = 0; c < C; c++) {
      for (let j = 0; j < 2 * l + 1; j++) {
        const col = C * l * l + c * (2 * l + 1) + j;
        for (let p = 0; p < P; p++) {
          const y = Y[p * S + l * l + j];
          toGrid[col * P * C + p * C + c] = y;
          fromGrid[(p * C + c) * D + col] = (grid.weights[p] * y) / (4 * Math.PI);
        }
      }
    }
  }
  return { grid, points: P, toGrid, fromGrid };
}

/** A fixed linear map rows [N, rows] → [N, cols] as an `irreps_linear` over scalars with constant θ. */
class ConstantMap {
  private readonly tables: IrrepsLinearTables;
  private readonly theta: Tensor;

  constructor(gpu: Gpu, matrix: Float64Array, rows: number, cols: number, label: string) {
    // The plan divides by √fan_in = √rows; inputScale √rows cancels it, so θ is the matrix itself.
    this.tables = new IrrepsLinearTables(
      makeLinearPlan(`${rows}x0e`, `${cols}x0e`, { inputScale: Math.sqrt(rows) }),
    );
    this.theta = Tensor.from(gpu, matrix, [rows * cols], { label });
  }

  forward(ctx: Context, x: Tensor): Tensor {
    return ops.irrepsLinear(ctx, x, this.theta, this.tables);
  }

  dispose(): void {
    this.tables.dispose();
    this.theta.dispose();
  }
}

/**
 * Facet-style S2 grid mixing: every channel's signal Σ_lm x_lm Y_lm is evaluated on a spherical
 * grid, one pointwise MLP (C → hidden → C, SiLU, shared by all points) mixes the channels at each
 * point, and the result is projected back onto degrees ≤ L by quadrature.
 *
 * Equivariance: the linear round trip is exact (the products Y_lm·Y_l'm' have degree ≤ 2L, inside
 * the grid's exactness). A pointwise nonlinearity makes degrees above any finite grid, whose
 * aliasing breaks rotation equivariance slightly, decreasing as the grid refines (measured in
 * s2-grid-mixing.test.ts and docs/models.md). The grid is inversion-symmetric, so parity is exact.
 *
 * The maps are dense [C·(L+1)², P·C] constants (block-diagonal over channels): C× more
 * multiply-adds than per-channel transforms, but two dispatches and no transposes.
 */
export class S2GridMixing {
  readonly irreps: Irreps;
  readonly tables: MixingGrid;
  readonly activation: GridActivation;
  readonly mlpIn: IrrepsLinear;
  readonly mlpOut: IrrepsLinear;
  private readonly toGrid: ConstantMap;
  private readonly fromGrid: ConstantMap;

  constructor(
    scope: ParameterScope,
    readonly opts: S2GridMixingOptions,
  ) {
    const { channels: C, lmax: L, hidden: H } = opts;
    this.irreps = new Irreps(signalIrreps({ channels: C, lmax: L }));
    this.activation = opts.activation ?? 'quadratic';
    if (this.activation === 'quadratic' && opts.gridTheta < exactGridTheta(L))
      throw new RangeError(
        `S2 grid mixing: the quadratic activation needs gridTheta ≥ ${exactGridTheta(L)} for lmax ${L}`,
      );
    this.tables = mixingGrid(C, L, opts.gridTheta);
    const D = this.irreps.dim;
    const Q = this.tables.points * C;
    this.toGrid = new ConstantMap(scope.gpu, this.tables.toGrid, D, Q, 'S2 to grid');
    this.fromGrid = new ConstantMap(scope.gpu, this.tables.fromGrid, Q, D, 'S2 from grid');
    this.mlpIn = new IrrepsLinear(scope.scope('mlp_in'), `${C}x0e`, `${H}x0e`);
    this.mlpOut = new IrrepsLinear(scope.scope('mlp_out'), `${H}x0e`, `${C}x0e`, {
      inputScale: activationNormalizer(this.activation),
    });
  }

  get parameters(): Tensor[] {
    return [...this.mlpIn.parameters, ...this.mlpOut.parameters];
  }

  /** x [N, C·(L+1)²] (e3nn layout) → [N, C·(L+1)²]. */
  forward(ctx: Context, x: Tensor): Tensor {
    const n = x.shape[0];
    const { channels: C } = this.opts;
    const P = this.tables.points;
    const values = ops.reshape(ctx, this.toGrid.forward(ctx, x), [n * P, C]);
    let h = this.mlpIn.forward(ctx, values);
    if (this.activation === 'silu') h = ops.silu(ctx, h);
    if (this.activation === 'quadratic') h = ops.add(ctx, h, ops.scale(ctx, ops.mul(ctx, h, h), 0.5));
    const mixed = ops.reshape(ctx, this.mlpOut.forward(ctx, h), [n, P * C]);
    return this.fromGrid.forward(ctx, mixed);
  }

  dispose(): void {
    for (const m of [this.toGrid, this.fromGrid, this.mlpIn, this.mlpOut]) m.dispose();
  }
}

/**
 * Float64 twin of the layer for given MLP weight matrices (wIn [C, H], wOut [H, C], stored
 * (in, out) with the normalisations already folded in): the oracle of the tests, and the
 * measurement of the grid's equivariance error without float32 noise.
 */
export function s2GridMixing64(
  x: Float64Array,
  rows: number,
  grid: MixingGrid,
  C: number,
  wIn: Float64Array,
  wOut: Float64Array,
  activation: GridActivation,
): Float64Array {
  const H = wIn.length / C;
  const P = grid.points;
  const D = x.length / rows;
  const Q = P * C;
  const out = new Float64Array(rows * D);
  const f = new Float64Array(Q);
  const g = new Float64Array(Q);
  const h = new Float64Array(H);
  for (let n = 0; n < rows; n++) {
    f.fill(0);
    for (let i = 0; i < D; i++) {
      const xi = x[n * D + i];
      for (let q = 0; q < Q; q++) f[q] += xi * grid.toGrid[i * Q + q];
    }
    for (let p = 0; p < P; p++) {
      h.fill(0);
      for (let c = 0; c < C; c++) for (let k = 0; k < H; k++) h[k] += f[p * C + c] * wIn[c * H + k];
      for (let k = 0; k < H; k++) h[k] = activate64(activation, h[k]);
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let k = 0; k < H; k++) s += h[k] * wOut[k * C + c];
        g[p * C + c] = s;
      }
    }
    for (let q = 0; q < Q; q++) {
      const gq = g[q];
      for (let i = 0; i < D; i++) out[n * D + i] += gq * grid.fromGrid[q * D + i];
    }
  }
  return out;
}
