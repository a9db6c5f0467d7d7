import * as THREE from 'three';

const AXIS_COLOR = '#8a919c'; // mid grey: readable on the light and the dark view background
const AXIS_LENGTH = 1.3;
const LABEL_OFFSET = 0.14;
/** Distance from the origin that the axes and their labels reach; the camera frames this. */
export const AXES_EXTENT = AXIS_LENGTH + LABEL_OFFSET + 0.1;

function labelSprite(text: string): THREE.Sprite {
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.font = 'italic 600 44px Georgia, "Times New Roman", serif';
    ctx.fillStyle = AXIS_COLOR;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, size / 2, size / 2);
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: texture, transparent: true }));
  sprite.scale.setScalar(0.24);
  return sprite;
}

/**
 * Neutral grey x/y/z axes with text labels. Grey, not the usual red/green/blue, so they never
 * read as values of the red–blue colormap.
 */
export function createAxes(length = AXIS_LENGTH): THREE.Group {
  const group = new THREE.Group();
  group.name = 'axes';
  const ends = [new THREE.Vector3(1, 0, 0), new THREE.Vector3(0, 1, 0), new THREE.Vector3(0, 0, 1)];
  const points: THREE.Vector3[] = [];
  for (const e of ends)
    points.push(e.clone().multiplyScalar(-length * 0.85), e.clone().multiplyScalar(length));
  const lines = new THREE.LineSegments(
    new THREE.BufferGeometry().setFromPoints(points),
    new THREE.LineBasicMaterial({ color: AXIS_COLOR }),
  );
  group.add(lines);
  ['x', 'y', 'z'].forEach((name, i) => {
    const sprite = labelSprite(name);
    sprite.position.copy(ends[i]).multiplyScalar(length + LABEL_OFFSET);
    group.add(sprite);
  });
  return group;
}

/** Frees the axes' GPU resources (geometry, materials, label textures). */
export function disposeAxes(group: THREE.Group): void {
  group.traverse((object) => {
    if (object instanceof THREE.LineSegments) {
      object.geometry.dispose();
      (object.material as THREE.Material).dispose();
    } else if (object instanceof THREE.Sprite) {
      object.material.map?.dispose();
      object.material.dispose();
    }
  });
}
