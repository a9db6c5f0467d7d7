/**
 * Charged point particles (unit masses) under pairwise Coulomb forces, integrated by leapfrog —
 * the physics of the EGNN n-body data set (Satorras et al. 2021, after Kipf et al. 2018,
 * `ChargedParticlesSim` in vgsatorras/egnn n_body_system/dataset/synthetic_sim.py):
 *
 *   F_i = k Σ_{j≠i} q_i q_j (x_i − x_j) / |x_i − x_j|³,   U = k Σ_{i<j} q_i q_j / |x_i − x_j|,
 *
 * so like charges repel. A batch of independent systems is stepped together, stored structure-
 * of-arrays (index i·batch + b): the innermost loop runs over systems, whose divisions and square
 * roots are independent, so the CPU overlaps them (≈1.5–2× over one system at a time). No
 * allocation happens per step.
 */

/**
 * How the total force on a particle is limited (close encounters give huge forces):
 * - `component`: clip each Cartesian component to [−maxForce, maxForce] — EGNN's exact rule; it
 *   depends on the axes, so it breaks rotation equivariance whenever it fires;
 * - `norm`: rescale the force vector to length ≤ maxForce — rotation-equivariant (our default);
 * - `none`: exact Coulomb forces.
 */
export type ForceClipMode = 'component' | 'norm' | 'none';

export interface ChargedParticleOptions {
  numParticles: number;
  /** Number of independent systems stepped together. */
  batchSize: number;
  /** Time step (EGNN: 0.001). */
  timeStep: number;
  /** k in F = k q_i q_j r / |r|³ (EGNN: 1). */
  interactionStrength: number;
  forceClip: ForceClipMode;
  /** Force limit (EGNN: 0.1 / timeStep = 100). */
  maxForce: number;
}

/**
 * Positions and synchronised velocities (both at time t) of `batchSize` systems, and the forces
 * at the current positions. Load every system with `setSystem` before stepping.
 */
export class ChargedParticleBatch {
  readonly n: number;
  readonly batch: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  readonly fx: Float64Array;
  readonly fy: Float64Array;
  readonly fz: Float64Array;
  /** k·q_i per particle (the interaction strength folded in once). */
  private readonly kq: Float64Array;
  readonly charges: Float64Array;
  /** 1 where a system's force was clipped at least once since it was loaded. */
  readonly clipped: Uint8Array;

  constructor(readonly options: ChargedParticleOptions) {
    const { numParticles: n, batchSize: batch } = options;
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`numParticles must be an integer ≥ 2, got ${n}`);
    if (!Number.isInteger(batch) || batch < 1)
      throw new RangeError(`batchSize must be an integer ≥ 1, got ${batch}`);
    if (!(options.timeStep > 0)) throw new RangeError(`timeStep must be > 0, got ${options.timeStep}`);
    if (!(options.maxForce > 0)) throw new RangeError(`maxForce must be > 0, got ${options.maxForce}`);
    this.n = n;
    this.batch = batch;
    const size = n * batch;
    [this.x, this.y, this.z, this.vx, this.vy, this.vz, this.fx, this.fy, this.fz, this.kq, this.charges] =
      Array.from({ length: 11 }, () => new Float64Array(size));
    this.clipped = new Uint8Array(batch);
  }

  /** Loads system b from n × 3 arrays (copied); call `computeForces` once all are loaded. */
  setSystem(
    b: number,
    positions: ArrayLike<number>,
    velocities: ArrayLike<number>,
    charges: ArrayLike<number>,
  ): void {
    const n = this.n;
    if (positions.length !== 3 * n || velocities.length !== 3 * n || charges.length !== n) {
      throw new RangeError('setSystem: positions and velocities need 3n entries, charges n');
    }
    for (let i = 0; i < n; i++) {
      const k = i * this.batch + b;
      this.x[k] = positions[3 * i];
      this.y[k] = positions[3 * i + 1];
      this.z[k] = positions[3 * i + 2];
      this.vx[k] = velocities[3 * i];
      this.vy[k] = velocities[3 * i + 1];
      this.vz[k] = velocities[3 * i + 2];
      this.charges[k] = charges[i];
      this.kq[k] = this.options.interactionStrength * charges[i];
    }
    this.clipped[b] = 0;
  }

  /** System b's positions as an n × 3 array. */
  positionsOf(b: number): Float64Array {
    return this.gather(b, this.x, this.y, this.z);
  }

  /** System b's velocities (n × 3) plus `forceShift`·F, e.g. −dt/2 for EGNN's staggered velocity. */
  velocitiesOf(b: number, forceShift = 0): Float64Array {
    const v = this.gather(b, this.vx, this.vy, this.vz);
    const f = this.gather(b, this.fx, this.fy, this.fz);
    for (let k = 0; k < v.length; k++) v[k] += forceShift * f[k];
    return v;
  }

  /** System b's current (possibly clipped) forces as an n × 3 array. */
  forcesOf(b: number): Float64Array {
    return this.gather(b, this.fx, this.fy, this.fz);
  }

  /**
   * `steps` velocity-Verlet (kick–drift–kick) steps; needs forces current (`computeForces`).
   * Consecutive half kicks are merged: one force evaluation per step. Time-reversible: negating
   * the velocities and advancing again retraces the trajectory.
   */
  advance(steps: number): void {
    if (steps <= 0) return;
    const dt = this.options.timeStep;
    this.kick(dt / 2);
    for (let s = 0; s < steps; s++) {
      this.drift(dt);
      this.computeForces();
      this.kick(s === steps - 1 ? dt / 2 : dt);
    }
  }

  /** v ← v + τ F (unit masses). */
  kick(tau: number): void {
    const { vx, vy, vz, fx, fy, fz } = this;
    for (let k = 0; k < vx.length; k++) {
      vx[k] += tau * fx[k];
      vy[k] += tau * fy[k];
      vz[k] += tau * fz[k];
    }
  }

  /** x ← x + τ v (forces are stale until `computeForces`). */
  drift(tau: number): void {
    const { x, y, z, vx, vy, vz } = this;
    for (let k = 0; k < x.length; k++) {
      x[k] += tau * vx[k];
      y[k] += tau * vy[k];
      z[k] += tau * vz[k];
    }
  }

  /** Forces at the current positions, clipped as configured. */
  computeForces(): void {
    const { n, batch, x, y, z, fx, fy, fz, kq, charges: q } = this;
    fx.fill(0);
    fy.fill(0);
    fz.fill(0);
    for (let i = 0; i < n; i++) {
      const oi = i * batch;
      for (let j = i + 1; j < n; j++) {
        const oj = j * batch;
        for (let b = 0; b < batch; b++) {
          const ib = oi + b;
          const jb = oj + b;
          const dx = x[ib] - x[jb];
          const dy = y[ib] - y[jb];
          const dz = z[ib] - z[jb];
          const r2 = dx * dx + dy * dy + dz * dz;
          const s = (kq[ib] * q[jb]) / (r2 * Math.sqrt(r2)); // k q_i q_j / r³
          const sx = s * dx;
          const sy = s * dy;
          const sz = s * dz;
          fx[ib] += sx;
          fy[ib] += sy;
          fz[ib] += sz;
          fx[jb] -= sx;
          fy[jb] -= sy;
          fz[jb] -= sz;
        }
      }
    }
    if (this.options.forceClip === 'norm') this.clipNorms();
    else if (this.options.forceClip === 'component') this.clipComponents();
  }

  /** Kinetic plus Coulomb energy of system b (synchronised velocities). */
  energy(b: number): number {
    const x = this.positionsOf(b);
    const v = this.velocitiesOf(b);
    const q = Array.from({ length: this.n }, (_, i) => this.charges[i * this.batch + b]);
    let energy = 0;
    for (let k = 0; k < v.length; k++) energy += 0.5 * v[k] * v[k];
    for (let i = 0; i < this.n; i++) {
      for (let j = i + 1; j < this.n; j++) {
        const r = Math.hypot(x[3 * i] - x[3 * j], x[3 * i + 1] - x[3 * j + 1], x[3 * i + 2] - x[3 * j + 2]);
        energy += (this.options.interactionStrength * q[i] * q[j]) / r;
      }
    }
    return energy;
  }

  /** Total momentum Σ v_i of system b (unit masses). */
  momentum(b: number): [number, number, number] {
    const v = this.velocitiesOf(b);
    const p: [number, number, number] = [0, 0, 0];
    for (let k = 0; k < v.length; k++) p[k % 3] += v[k];
    return p;
  }

  private clipNorms(): void {
    const { fx, fy, fz, batch, clipped } = this;
    const max = this.options.maxForce;
    for (let k = 0; k < fx.length; k++) {
      // Squared norms: Math.hypot is slow in V8's hot loops.
      const f2 = fx[k] * fx[k] + fy[k] * fy[k] + fz[k] * fz[k];
      if (f2 <= max * max) continue;
      const scale = max / Math.sqrt(f2);
      fx[k] *= scale;
      fy[k] *= scale;
      fz[k] *= scale;
      clipped[k % batch] = 1;
    }
  }

  private clipComponents(): void {
    const max = this.options.maxForce;
    for (const f of [this.fx, this.fy, this.fz]) {
      for (let k = 0; k < f.length; k++) {
        if (f[k] > max) f[k] = max;
        else if (f[k] < -max) f[k] = -max;
        else continue;
        this.clipped[k % this.batch] = 1;
      }
    }
  }

  private gather(b: number, a: Float64Array, c: Float64Array, d: Float64Array): Float64Array {
    const out = new Float64Array(3 * this.n);
    for (let i = 0; i < this.n; i++) {
      const k = i * this.batch + b;
      out[3 * i] = a[k];
      out[3 * i + 1] = c[k];
      out[3 * i + 2] = d[k];
    }
    return out;
  }
}
