import * as THREE from 'three';

/** Longest arrow, in Å: about a bond, long enough to read, short enough not to cross a small molecule. */
const LONGEST_ARROW = 1.0;
const SHAFT_RADIUS = 0.045;
const HEAD_RADIUS = 0.11;
const HEAD_LENGTH = 0.26;

export interface ArrowStyle {
  color: THREE.ColorRepresentation;
  /** Multiplies the radii (a wider, translucent set stays visible around an identical narrow one). */
  width?: number;
  opacity?: number;
}

/** Length units per Å so that the largest vector of all `sets` is LONGEST_ARROW long (0 when all vanish). */
export function arrowScale(sets: readonly (Float64Array | null | undefined)[]): number {
  let largest = 0;
  for (const v of sets) {
    if (!v) continue;
    for (let i = 0; i + 2 < v.length; i += 3) {
      const n = Math.hypot(v[i], v[i + 1], v[i + 2]);
      if (Number.isFinite(n) && n > largest) largest = n;
    }
  }
  return largest > 0 ? LONGEST_ARROW / largest : 0;
}

/**
 * One arrow per atom from `positions` along `vectors` × `scale`: two instanced meshes (shafts and
 * heads), whatever the atom count. Arrows shorter than a head are drawn as a head only.
 */
export function createArrows(
  positions: Float64Array,
  vectors: Float64Array,
  scale: number,
  style: ArrowStyle,
): THREE.Group {
  const n = Math.min(positions.length, vectors.length) / 3;
  const width = style.width ?? 1;
  const opacity = style.opacity ?? 1;
  const material = () =>
    new THREE.MeshLambertMaterial({
      color: style.color,
      transparent: opacity < 1,
      opacity,
      depthWrite: opacity >= 1,
    });
  const shafts = new THREE.InstancedMesh(
    new THREE.CylinderGeometry(1, 1, 1, 10, 1),
    material(),
    Math.max(1, n),
  );
  const heads = new THREE.InstancedMesh(new THREE.ConeGeometry(1, 1, 14, 1), material(), Math.max(1, n));
  const up = new THREE.Vector3(0, 1, 0);
  const origin = new THREE.Vector3();
  const dir = new THREE.Vector3();
  const mid = new THREE.Vector3();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const m = new THREE.Matrix4();
  let count = 0;
  for (let i = 0; i < n; i++) {
    dir.set(vectors[3 * i], vectors[3 * i + 1], vectors[3 * i + 2]).multiplyScalar(scale);
    const length = dir.length();
    if (!(length > 1e-6)) continue; // zero or NaN: nothing to draw
    origin.set(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
    dir.divideScalar(length);
    q.setFromUnitVectors(up, dir);
    const head = Math.min(HEAD_LENGTH * width, length);
    const shaft = length - head;
    mid.copy(origin).addScaledVector(dir, shaft / 2);
    m.compose(mid, q, s.set(SHAFT_RADIUS * width, Math.max(shaft, 1e-6), SHAFT_RADIUS * width));
    shafts.setMatrixAt(count, m);
    mid.copy(origin).addScaledVector(dir, shaft + head / 2);
    m.compose(mid, q, s.set(HEAD_RADIUS * width, head, HEAD_RADIUS * width));
    heads.setMatrixAt(count, m);
    count++;
  }
  shafts.count = count;
  heads.count = count;
  const group = new THREE.Group();
  group.name = 'arrows';
  group.add(shafts, heads);
  return group;
}

/** Frees an arrow group's geometries and materials. */
export function disposeArrows(group: THREE.Group): void {
  for (const child of group.children) {
    if (child instanceof THREE.InstancedMesh) {
      child.geometry.dispose();
      (child.material as THREE.Material).dispose();
      child.dispose();
    }
  }
}
