import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { ShFieldResult } from '../../../engine/types';
import { divergingRgb } from '../colormap';
import { AXES_EXTENT, createAxes, disposeAxes } from './axes';

/** max |value| of a field, the colormap's symmetric range (never 0, so l = 0 still colours). */
export function symmetricRange(field: Pick<ShFieldResult, 'min' | 'max'>): number {
  return Math.max(Math.abs(field.min), Math.abs(field.max)) || 1;
}

/**
 * A three.js scene showing Y_lm on the unit sphere: colour by value, optionally radius ∝ |Y|.
 * Renders on demand (camera moves, new field, resize), so an idle page costs nothing.
 */
export class ShSphereScene {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(32, 1, 0.1, 100);
  private readonly controls: OrbitControls;
  private readonly axes = createAxes();
  private readonly material = new THREE.MeshLambertMaterial({ vertexColors: true, side: THREE.DoubleSide });
  private mesh: THREE.Mesh | null = null;
  private frame = 0;

  constructor(private readonly container: HTMLElement) {
    this.renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.domElement.setAttribute('aria-hidden', 'true');
    container.appendChild(this.renderer.domElement);

    // e3nn's axes: y is the polar axis, so y points up on screen.
    this.camera.up.set(0, 1, 0);
    this.camera.position.set(3.2, 2.4, 4.4);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enablePan = false;
    this.controls.minDistance = 2.2;
    this.controls.maxDistance = 14;
    this.controls.addEventListener('change', () => this.requestRender());

    // Mostly ambient light keeps the colormap close to the legend; a soft key light from the camera shows shape.
    this.scene.add(new THREE.AmbientLight(0xffffff, 2.0));
    const key = new THREE.DirectionalLight(0xffffff, 0.9);
    key.position.set(0.4, 0.6, 1);
    this.camera.add(key);
    this.scene.add(this.camera, this.axes);
    this.resize();
  }

  /** Replaces the mesh with `field`; the old geometry is disposed. */
  setField(field: ShFieldResult, showRadius: boolean): void {
    const range = symmetricRange(field);
    const n = field.values.length;
    const positions = new Float32Array(field.positions);
    const colors = new Float32Array(3 * n);
    const color = new THREE.Color();
    for (let i = 0; i < n; i++) {
      const v = field.values[i];
      const [r, g, b] = divergingRgb(v / range);
      color.setRGB(r, g, b, THREE.SRGBColorSpace); // stored linear, as three's shading expects
      colors.set([color.r, color.g, color.b], 3 * i);
      if (showRadius) {
        const radius = Math.abs(v) / range; // scaled so the largest lobe touches the unit sphere
        for (let k = 0; k < 3; k++) positions[3 * i + k] *= radius;
      }
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    geometry.setIndex(new THREE.BufferAttribute(field.indices, 1));
    geometry.computeVertexNormals();
    if (this.mesh) {
      this.mesh.geometry.dispose();
      this.mesh.geometry = geometry;
    } else {
      this.mesh = new THREE.Mesh(geometry, this.material);
      this.scene.add(this.mesh);
    }
    this.requestRender();
  }

  resize(): void {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.fitCamera();
    this.requestRender();
  }

  /** Moves the camera along its current direction so the axes and their labels fit the narrower side. */
  private fitCamera(): void {
    const vertical = (this.camera.fov * Math.PI) / 180;
    const horizontal = 2 * Math.atan(Math.tan(vertical / 2) * this.camera.aspect);
    const distance = (AXES_EXTENT * 1.05) / Math.sin(Math.min(vertical, horizontal) / 2);
    this.camera.position.setLength(distance);
    this.controls.maxDistance = Math.max(distance * 2.5, this.controls.minDistance);
    this.controls.update();
  }

  private requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderer.render(this.scene, this.camera);
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.controls.dispose();
    this.mesh?.geometry.dispose();
    this.material.dispose();
    disposeAxes(this.axes);
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
