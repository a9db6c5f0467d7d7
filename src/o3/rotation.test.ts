import { describe, expect, it } from 'vitest';
import { maxAbsDiff, relativeError } from '../test/compare';
import { loadRefdata } from '../test/refdata';
import { TOL } from '../test/tolerances';
import { Rng } from '../util/random';
import {
  anglesToMatrix,
  anglesToXyz,
  applyToVectors,
  axisAngleToMatrix,
  det,
  identity3,
  type Mat3,
  matMul,
  matrixToAngles,
  matrixX,
  matrixY,
  matrixZ,
  quaternionToMatrix,
  randomAngles,
  randomRotation,
  transpose,
  xyzToAngles,
} from './rotation';

interface WignerDFile {
  rotations: { alpha: number; beta: number; gamma: number; R: number[][] }[];
}

/** ‖RᵀR − I‖ and |det R − 1| must both vanish for a rotation. */
function expectRotation(R: Mat3): void {
  expect(maxAbsDiff(identity3(), matMul(transpose(R), R))).toBeLessThan(TOL.f64Tight);
  expect(Math.abs(det(R) - 1)).toBeLessThan(TOL.f64Tight);
}

/** Difference of two angles modulo 2π, in [0, π]. */
function angleDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

function cross(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

describe('rotation matrices', () => {
  it('match e3nn angles_to_matrix (wignerD.json)', () => {
    const { rotations } = loadRefdata<WignerDFile>('wignerD.json');
    expect(rotations.length).toBeGreaterThan(0);
    for (const { alpha, beta, gamma, R } of rotations) {
      expect(relativeError(R.flat(), anglesToMatrix(alpha, beta, gamma))).toBeLessThan(TOL.f64Tight);
    }
  });

  it('rotate right-handedly: x→y about z, y→z about x, z→x about y', () => {
    const quarter = Math.PI / 2;
    const ex = Float64Array.of(1, 0, 0);
    const ey = Float64Array.of(0, 1, 0);
    const ez = Float64Array.of(0, 0, 1);
    expect(maxAbsDiff(ey, applyToVectors(matrixZ(quarter), ex))).toBeLessThan(TOL.f64Tight);
    expect(maxAbsDiff(ez, applyToVectors(matrixX(quarter), ey))).toBeLessThan(TOL.f64Tight);
    expect(maxAbsDiff(ex, applyToVectors(matrixY(quarter), ez))).toBeLessThan(TOL.f64Tight);
  });

  it('compose angles about one axis additively', () => {
    const rng = new Rng(1);
    for (const m of [matrixX, matrixY, matrixZ]) {
      const [a, b] = [rng.uniform(-4, 4), rng.uniform(-4, 4)];
      expect(maxAbsDiff(m(a + b), matMul(m(a), m(b)))).toBeLessThan(TOL.f64Tight);
      expectRotation(m(a));
    }
  });

  it('apply γ first and α last', () => {
    const rng = new Rng(2);
    const { alpha, beta, gamma } = randomAngles(rng);
    const v = rng.normals(3);
    const stepwise = applyToVectors(
      matrixY(alpha),
      applyToVectors(matrixX(beta), applyToVectors(matrixY(gamma), v)),
    );
    expect(relativeError(stepwise, applyToVectors(anglesToMatrix(alpha, beta, gamma), v))).toBeLessThan(
      TOL.f64Tight,
    );
  });

  it('invert anglesToMatrix with matrixToAngles', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 200; trial++) {
      const R = randomRotation(rng);
      const { alpha, beta, gamma } = matrixToAngles(R);
      expect(maxAbsDiff(R, anglesToMatrix(alpha, beta, gamma))).toBeLessThan(TOL.f64);
      // e3nn's ranges: α, γ ∈ (−π, π], β ∈ [0, π]
      expect(beta).toBeGreaterThanOrEqual(0);
      expect(beta).toBeLessThanOrEqual(Math.PI);
      expect(Math.abs(alpha)).toBeLessThanOrEqual(Math.PI);
      expect(Math.abs(gamma)).toBeLessThanOrEqual(Math.PI);
    }
    for (let trial = 0; trial < 50; trial++) {
      const angles = randomAngles(rng);
      const back = matrixToAngles(anglesToMatrix(angles.alpha, angles.beta, angles.gamma));
      expect(angleDistance(angles.alpha, back.alpha)).toBeLessThan(TOL.f64);
      expect(Math.abs(angles.beta - back.beta)).toBeLessThan(TOL.f64);
      expect(angleDistance(angles.gamma, back.gamma)).toBeLessThan(TOL.f64);
    }
  });

  it('refuses an improper matrix in matrixToAngles', () => {
    expect(() => matrixToAngles(identity3().map((v) => -v))).toThrow(/det/);
  });

  it('maps angles to the image of the polar axis', () => {
    const rng = new Rng(4);
    for (let trial = 0; trial < 20; trial++) {
      const { alpha, beta, gamma } = randomAngles(rng);
      const image = applyToVectors(anglesToMatrix(alpha, beta, gamma), Float64Array.of(0, 1, 0));
      expect(maxAbsDiff(image, anglesToXyz(alpha, beta))).toBeLessThan(TOL.f64Tight);
      const back = xyzToAngles(2 * image[0], 2 * image[1], 2 * image[2]);
      expect(angleDistance(alpha, back.alpha)).toBeLessThan(TOL.f64);
      expect(Math.abs(beta - back.beta)).toBeLessThan(TOL.f64);
    }
  });

  it('builds axis-angle rotations that fix the axis and turn the rest right-handedly', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const axis = rng.unitVectors(1);
      const angle = rng.uniform(-Math.PI, Math.PI);
      const R = axisAngleToMatrix(
        axis.map((v) => 3 * v),
        angle,
      );
      expectRotation(R);
      expect(maxAbsDiff(axis, applyToVectors(R, axis))).toBeLessThan(TOL.f64Tight);
      // a unit vector u ⟂ axis goes to cos·u + sin·(axis × u)
      const u = Float64Array.from(cross(axis, rng.unitVectors(1)));
      const un = Math.hypot(...u);
      const uHat = u.map((v) => v / un);
      const cu = cross(axis, uHat);
      const want = uHat.map((v, k) => Math.cos(angle) * v + Math.sin(angle) * cu[k]);
      expect(maxAbsDiff(want, applyToVectors(R, uHat))).toBeLessThan(TOL.f64Tight);
      // e3nn's axis_angle_to_matrix: conjugate Ry(angle) by the rotation taking ŷ to the axis
      const { alpha, beta } = xyzToAngles(axis[0], axis[1], axis[2]);
      const frame = anglesToMatrix(alpha, beta, 0);
      const e3nnWay = matMul(matMul(frame, matrixY(angle)), transpose(frame));
      expect(maxAbsDiff(e3nnWay, R)).toBeLessThan(TOL.f64Tight);
    }
  });

  it('gives the same rotation for q and −q', () => {
    const q = new Rng(6).normals(4);
    expect(maxAbsDiff(quaternionToMatrix(q), quaternionToMatrix(q.map((v) => -v)))).toBeLessThan(
      TOL.f64Tight,
    );
  });

  it('applies R to each row', () => {
    const rng = new Rng(7);
    const R = randomRotation(rng);
    const v = rng.normals(3 * 5);
    const out = applyToVectors(R, v);
    for (let i = 0; i < 5; i++) {
      for (let a = 0; a < 3; a++) {
        const want = R[3 * a] * v[3 * i] + R[3 * a + 1] * v[3 * i + 1] + R[3 * a + 2] * v[3 * i + 2];
        expect(Math.abs(out[3 * i + a] - want)).toBeLessThan(TOL.f64Tight);
      }
    }
    expect(() => applyToVectors(R, new Float64Array(4))).toThrow(RangeError);
  });
});

describe('random rotations are Haar-distributed', () => {
  // Under Haar measure on SO(3): E[R_ij] = 0, E[R_ij²] = 1/3, E[tr R] = 0, E[(tr R)²] = 1
  // (tr R is the l = 1 character). Non-uniform samplers fail the second moments, e.g. uniform β
  // gives E[R_yy²] = 1/2.
  const n = 20_000;
  const samplers: [string, (rng: Rng) => Mat3][] = [
    ['randomRotation', randomRotation],
    [
      'randomAngles',
      (rng) => {
        const { alpha, beta, gamma } = randomAngles(rng);
        return anglesToMatrix(alpha, beta, gamma);
      },
    ],
  ];
  it.each(samplers)('%s', (_name, sample) => {
    const rng = new Rng(2024);
    const mean = new Float64Array(9);
    const meanSquare = new Float64Array(9);
    let trace = 0;
    let traceSquare = 0;
    let worstOrthogonality = 0;
    for (let s = 0; s < n; s++) {
      const R = sample(rng);
      worstOrthogonality = Math.max(worstOrthogonality, maxAbsDiff(identity3(), matMul(transpose(R), R)));
      for (let k = 0; k < 9; k++) {
        mean[k] += R[k] / n;
        meanSquare[k] += R[k] ** 2 / n;
      }
      const t = R[0] + R[4] + R[8];
      trace += t / n;
      traceSquare += (t * t) / n;
    }
    // 6σ bounds: Var(R_ij) = 1/3, Var(R_ij²) = E[R⁴] − 1/9 = 1/5 − 1/9, Var(tr) = 1, Var(tr²) = E[tr⁴] − 1 = 2
    for (let k = 0; k < 9; k++) {
      expect(Math.abs(mean[k])).toBeLessThan(6 * Math.sqrt(1 / 3 / n));
      expect(Math.abs(meanSquare[k] - 1 / 3)).toBeLessThan(6 * Math.sqrt((1 / 5 - 1 / 9) / n));
    }
    expect(worstOrthogonality).toBeLessThan(TOL.f64Tight);
    expect(Math.abs(trace)).toBeLessThan(6 * Math.sqrt(1 / n));
    expect(Math.abs(traceSquare - 1)).toBeLessThan(6 * Math.sqrt(2 / n));
  });
});
