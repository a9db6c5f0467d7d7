import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { elementColor } from '../../../data/formats/elements';
import type { StructureData, StructureFrameData } from '../../../engine/types';
import type { ScalarScale } from '../scalar-scale';
import { INTERACTIVE_PIXEL_SCALE, PointLod } from './point-lod';
import { StructureDrag } from './structure-drag';
import { ballRadius, OverlayLayer, type StructureOverlay } from './structure-overlay';

export { ARROW_COLOR, OVERLAY_ARROW_COLOR, type StructureOverlay } from './structure-overlay';

/** Ball radius as a fraction of the covalent radius (ball-and-stick), and for unknown elements. */
const BALL_SCALE = 0.42;
const FALLBACK_RADIUS = 1.5;
const BOND_RADIUS = 0.09;
const BOND_COLOR = 0x9aa0a6;
const VIEW_DIRECTION = new THREE.Vector3(0.35, 0.3, 1).normalize();
/** Fewer sphere segments for big molecules keep 10⁴ atoms interactive. */
function sphereDetail(atoms: number): [number, number] {
  if (atoms <= 2_000) return [24, 16];
  if (atoms <= 20_000) return [12, 8];
  return [8, 6];
}

/** Centre and radius of a frame's bounding box (radius ≥ a small floor, so one atom still fits). */
export function frameBounds(positions: Float64Array): { center: THREE.Vector3; radius: number } {
  const box = new THREE.Box3();
  const p = new THREE.Vector3();
  for (let i = 0; i < positions.length; i += 3)
    box.expandByPoint(p.set(positions[i], positions[i + 1], positions[i + 2]));
  if (box.isEmpty()) return { center: new THREE.Vector3(), radius: 1 };
  const center = box.getCenter(new THREE.Vector3());
  return { center, radius: Math.max(1, box.getSize(p).length() / 2) };
}

/**
 * The direction to look from: along the structure's direction of least spread (a planar molecule
 * is seen face-on, not edge-on), tilted slightly toward the default view so depth still shows.
 * Chosen among Fibonacci-sphere directions by the positions' covariance: cheap and robust.
 */
export function viewDirectionFor(positions: Float64Array): THREE.Vector3 {
  const n = positions.length / 3;
  if (n < 3) return VIEW_DIRECTION.clone();
  const mean = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) mean[k] += positions[3 * i + k] / n;
  const c = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++)
        c[3 * a + b] += (positions[3 * i + a] - mean[a]) * (positions[3 * i + b] - mean[b]);
  const best = new THREE.Vector3();
  let least = Infinity;
  const v = new THREE.Vector3();
  const samples = 400;
  for (let i = 0; i < samples; i++) {
    const y = 1 - (2 * (i + 0.5)) / samples;
    const r = Math.sqrt(1 - y * y);
    const phi = i * Math.PI * (3 - Math.sqrt(5));
    v.set(r * Math.cos(phi), y, r * Math.sin(phi));
    const spread =
      v.x * (c[0] * v.x + c[1] * v.y + c[2] * v.z) +
      v.y * (c[3] * v.x + c[4] * v.y + c[5] * v.z) +
      v.z * (c[6] * v.x + c[7] * v.y + c[8] * v.z);
    if (spread < least) {
      least = spread;
      best.copy(v);
    }
  }
  if (best.dot(VIEW_DIRECTION) < 0) best.negate();
  const tilt = VIEW_DIRECTION.clone().addScaledVector(best, -VIEW_DIRECTION.dot(best));
  return best.addScaledVector(tilt, 0.3).normalize();
}

/**
 * A molecule (instanced balls coloured by element, instanced sticks) or a point cloud (THREE.Points)
 * with orbit controls. Renders on demand; `screenshot` returns a PNG data URL of the canvas.
 */
export class StructureScene {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(35, 1, 0.01, 1000);
  private readonly controls: OrbitControls;
  private viewDirection = VIEW_DIRECTION.clone();
  /** Turns the structure about its centre (the structure's own rotation, not the camera's). */
  private readonly pivot = new THREE.Group();
  private readonly content = new THREE.Group();
  private readonly drag: StructureDrag;
  private radius = 5;
  private frame = 0;
  private shown: StructureFrameData | null = null;
  private overlay: StructureOverlay = {};
  private markNextFrame = false;
  private lod: PointLod | null = null;
  private colorTarget: THREE.InstancedMesh | THREE.Points | null = null;
  private readonly overlays = new OverlayLayer(this.content);

  /** The colour scale of the atom scalars on display, for the legend (null when none). */
  get scale(): ScalarScale | null {
    return this.overlays.scale;
  }

  constructor(private readonly container: HTMLElement) {
    // preserveDrawingBuffer lets the screenshot read the canvas at any time.
    this.renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.domElement.setAttribute('aria-hidden', 'true');
    container.appendChild(this.renderer.domElement);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());
    // Big clouds: fewer points and fewer pixels while the camera moves, all of them when it stops.
    this.controls.addEventListener('start', () => this.setInteractive(true));
    this.controls.addEventListener('end', () => this.setInteractive(false));
    this.scene.add(new THREE.AmbientLight(0xffffff, 1.4));
    const key = new THREE.DirectionalLight(0xffffff, 1.6);
    key.position.set(0.5, 0.8, 1);
    this.camera.add(key);
    this.pivot.add(this.content);
    this.scene.add(this.camera, this.pivot);
    this.drag = new StructureDrag(this.renderer.domElement, this.camera, this.controls);
    this.resize();
  }

  /** Drag on the canvas turns the structure (calling `onRotate` with a world axis and angle) instead of the camera. */
  setRotateMode(onRotate: ((axis: [number, number, number], angle: number) => void) | null): void {
    this.drag.setHandler(onRotate);
  }

  /** The structure's rotation about its centre, row-major 3×3. */
  setRotation(rotation: readonly number[]): void {
    // Matrix3.fromArray reads column-major: transpose to take `rotation` row by row.
    const m = new THREE.Matrix4().setFromMatrix3(new THREE.Matrix3().fromArray(rotation).transpose());
    this.pivot.quaternion.setFromRotationMatrix(m);
    this.requestRender();
  }

  /** The camera's right and up directions in world coordinates (for keyboard rotation). */
  screenAxes(): { right: [number, number, number]; up: [number, number, number] } {
    this.camera.updateMatrixWorld();
    const e = this.camera.matrixWorld.elements;
    return { right: [e[0], e[1], e[2]], up: [e[4], e[5], e[6]] };
  }

  /** Colours atoms by `atomScalars` and draws the vector sets; null fields clear their part. */
  setOverlay(overlay: StructureOverlay): void {
    this.overlay = overlay;
    this.applyOverlay();
    this.requestRender();
  }

  private applyOverlay(): void {
    const target =
      this.shown && this.colorTarget
        ? { frame: this.shown, atoms: this.colorTarget, ballRadius: ballRadius(BALL_SCALE, FALLBACK_RADIUS) }
        : null;
    this.overlays.apply(target, this.overlay);
  }

  /** Shows one frame; `refit` (a new structure) recentres and resets the camera. */
  setFrame(structure: StructureData, index: number, refit: boolean): void {
    const frame = structure.frames[index];
    if (!frame) return;
    // Marks for the render benchmark (scripts/bench-render.mjs): scene build and first frame.
    performance.mark('structure:set-frame');
    this.markNextFrame = true;
    this.clear();
    if (refit) {
      const { center, radius } = frameBounds(frame.positions);
      this.content.position.copy(center).negate();
      this.radius = radius + (structure.kind === 'molecule' ? 1 : 0);
      this.viewDirection = viewDirectionFor(frame.positions);
    }
    this.shown = frame;
    if (structure.kind === 'molecule') this.addMolecule(frame);
    else this.addPoints(frame);
    this.applyOverlay();
    if (refit) this.resetView();
    this.requestRender();
  }

  private addMolecule(frame: StructureFrameData): void {
    const n = frame.positions.length / 3;
    const [w, h] = sphereDetail(n);
    const balls = new THREE.InstancedMesh(
      new THREE.SphereGeometry(1, w, h),
      new THREE.MeshLambertMaterial(),
      Math.max(1, n),
    );
    balls.count = n;
    const matrix = new THREE.Matrix4();
    const color = new THREE.Color();
    const p = frame.positions;
    const radius = ballRadius(BALL_SCALE, FALLBACK_RADIUS);
    for (let i = 0; i < n; i++) {
      const r = radius(frame.elements[i]);
      matrix.makeScale(r, r, r).setPosition(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      balls.setMatrixAt(i, matrix);
      balls.setColorAt(i, color.setHex(elementColor(frame.elements[i])));
    }
    this.content.add(balls);
    this.colorTarget = balls;

    const m = frame.bonds.length / 2;
    if (m === 0) return;
    const sticks = new THREE.InstancedMesh(
      new THREE.CylinderGeometry(1, 1, 1, 10, 1, true),
      new THREE.MeshLambertMaterial({ color: BOND_COLOR }),
      m,
    );
    const a = new THREE.Vector3();
    const b = new THREE.Vector3();
    const up = new THREE.Vector3(0, 1, 0);
    const q = new THREE.Quaternion();
    const s = new THREE.Vector3();
    for (let k = 0; k < m; k++) {
      const i = frame.bonds[2 * k];
      const j = frame.bonds[2 * k + 1];
      a.set(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      b.set(p[3 * j], p[3 * j + 1], p[3 * j + 2]);
      const length = a.distanceTo(b);
      q.setFromUnitVectors(up, b.clone().sub(a).normalize());
      matrix.compose(a.add(b).multiplyScalar(0.5), q, s.set(BOND_RADIUS, length, BOND_RADIUS));
      sticks.setMatrixAt(k, matrix);
    }
    this.content.add(sticks);
  }

  private setInteractive(on: boolean): void {
    if (!this.lod?.large) return;
    if (on) this.lod.coarse();
    else this.lod.fine();
    const ratio = Math.min(window.devicePixelRatio, 2);
    this.renderer.setPixelRatio(on ? ratio * INTERACTIVE_PIXEL_SCALE : ratio);
    this.resize();
  }

  private addPoints(frame: StructureFrameData): void {
    const n = frame.positions.length / 3;
    const positions = new Float32Array(frame.positions);
    const colors = new Float32Array(3 * n);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    const size = Math.max(this.radius / 120, (2.5 * this.radius) / Math.cbrt(Math.max(1, n)) / 6);
    const points = new THREE.Points(geometry, new THREE.PointsMaterial({ size, vertexColors: true }));
    this.content.add(points);
    this.colorTarget = points;
    this.lod = new PointLod(geometry);
  }

  /** Back to the starting camera: the whole structure in view, from the default direction. */
  resetView(): void {
    this.controls.target.set(0, 0, 0);
    this.camera.up.set(0, 1, 0);
    this.camera.position.copy(this.viewDirection);
    this.fit();
  }

  private fit(): void {
    const vertical = (this.camera.fov * Math.PI) / 180;
    const horizontal = 2 * Math.atan(Math.tan(vertical / 2) * this.camera.aspect);
    const distance = (this.radius * 1.08) / Math.sin(Math.min(vertical, horizontal) / 2);
    this.camera.position.setLength(distance);
    this.camera.near = distance / 100;
    this.camera.far = distance * 10;
    this.camera.updateProjectionMatrix();
    this.controls.minDistance = this.radius * 0.2;
    this.controls.maxDistance = distance * 5;
    this.controls.update();
    this.requestRender();
  }

  resize(): void {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  /** The canvas as a PNG data URL (rendered first, so it is never stale). */
  screenshot(): string {
    this.renderer.render(this.scene, this.camera);
    return this.renderer.domElement.toDataURL('image/png');
  }

  private clear(): void {
    this.overlays.clear();
    this.colorTarget = null;
    this.lod = null;
    for (const child of [...this.content.children]) {
      this.content.remove(child);
      if (child instanceof THREE.Mesh || child instanceof THREE.Points) {
        child.geometry.dispose();
        (child.material as THREE.Material).dispose();
      }
      if (child instanceof THREE.InstancedMesh) child.dispose();
    }
  }

  private requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderer.render(this.scene, this.camera);
      if (this.markNextFrame) {
        this.markNextFrame = false;
        performance.mark('structure:first-frame');
      }
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.clear();
    this.drag.dispose();
    this.controls.dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
