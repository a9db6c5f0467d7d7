import * as THREE from 'three';
import type { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/** Half a turn per view height of drag, like a trackball. */
const RADIANS_PER_HEIGHT = Math.PI;

/**
 * Trackball for the structure itself: while a handler is set, a drag on the canvas reports a
 * rotation (world axis, angle) and the orbit controls are off; without one the camera orbits as usual.
 * Dragging right turns the front of the structure right (about the camera's up axis); dragging
 * down turns it down (about the camera's right axis).
 */
export class StructureDrag {
  private handler: ((axis: [number, number, number], angle: number) => void) | null = null;
  private last: { x: number; y: number; id: number } | null = null;

  constructor(
    private readonly element: HTMLElement,
    private readonly camera: THREE.Camera,
    private readonly controls: OrbitControls,
  ) {
    element.addEventListener('pointerdown', this.down);
    element.addEventListener('pointermove', this.move);
    element.addEventListener('pointerup', this.up);
    element.addEventListener('pointercancel', this.up);
  }

  setHandler(handler: ((axis: [number, number, number], angle: number) => void) | null): void {
    this.handler = handler;
    this.controls.enabled = handler === null;
    this.element.style.cursor = handler ? 'grab' : '';
    this.last = null;
  }

  private readonly down = (event: PointerEvent) => {
    if (!this.handler || event.button !== 0) return;
    this.last = { x: event.clientX, y: event.clientY, id: event.pointerId };
    this.element.setPointerCapture?.(event.pointerId);
    this.element.style.cursor = 'grabbing';
  };

  private readonly move = (event: PointerEvent) => {
    const last = this.last;
    if (!this.handler || !last || last.id !== event.pointerId) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    if (dx === 0 && dy === 0) return;
    this.last = { ...last, x: event.clientX, y: event.clientY };
    this.camera.updateMatrixWorld();
    const e = this.camera.matrixWorld.elements;
    const right = new THREE.Vector3(e[0], e[1], e[2]);
    const up = new THREE.Vector3(e[4], e[5], e[6]);
    const axis = up.multiplyScalar(dx).addScaledVector(right, dy).normalize();
    const angle = (Math.hypot(dx, dy) / Math.max(1, this.element.clientHeight)) * RADIANS_PER_HEIGHT;
    this.handler([axis.x, axis.y, axis.z], angle);
  };

  private readonly up = (event: PointerEvent) => {
    if (this.last?.id !== event.pointerId) return;
    this.last = null;
    if (this.handler) this.element.style.cursor = 'grab';
  };

  dispose(): void {
    this.element.removeEventListener('pointerdown', this.down);
    this.element.removeEventListener('pointermove', this.move);
    this.element.removeEventListener('pointerup', this.up);
    this.element.removeEventListener('pointercancel', this.up);
  }
}
