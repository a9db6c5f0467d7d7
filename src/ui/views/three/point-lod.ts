import * as THREE from 'three';

/** Points drawn while the camera moves; the full cloud comes back when it stops. */
export const INTERACTIVE_POINTS = 20_000;
/** Pixel ratio while the camera moves (of the usual one) for large clouds: a quarter of the fragments. */
export const INTERACTIVE_PIXEL_SCALE = 0.5;

/**
 * A fixed random subset of `n` point indices (partial Fisher–Yates with a seeded LCG), sorted so
 * the GPU reads the vertex buffer in order: every region of the cloud keeps its share of points.
 */
export function subsetIndices(n: number, count: number, seed = 1): Uint32Array {
  const k = Math.min(n, count);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let s = seed >>> 0;
  for (let i = 0; i < k; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = i + Math.floor((s / 2 ** 32) * (n - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, k).sort();
}

/**
 * Level of detail for big point clouds while the camera moves: a subset drawn through an index
 * buffer, so the vertex data is never copied or re-uploaded. Clouds of INTERACTIVE_POINTS or
 * fewer are always drawn whole.
 */
export class PointLod {
  private subset: THREE.BufferAttribute | null = null;

  constructor(private readonly geometry: THREE.BufferGeometry) {}

  get large(): boolean {
    return this.geometry.getAttribute('position').count > INTERACTIVE_POINTS;
  }

  coarse(): void {
    if (!this.large) return;
    this.subset ??= new THREE.BufferAttribute(
      subsetIndices(this.geometry.getAttribute('position').count, INTERACTIVE_POINTS),
      1,
    );
    this.geometry.setIndex(this.subset);
  }

  fine(): void {
    this.geometry.setIndex(null);
  }
}
