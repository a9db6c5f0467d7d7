import * as THREE from 'three';
import { divergingRgb } from '../colormap';
import { evaluateSignal, type GlyphSignal } from '../glyph-signal';

/** Most atoms drawn as glyphs (each is a few hundred vertices). */
export const MAX_GLYPH_ATOMS = 2_000;

/**
 * One small sphere per atom showing its spherical signal: colour = f(n) / max|f| over all atoms
 * (the diverging map, white = 0), radius swelling with |f| so lobes read without colour too.
 * All glyphs are one merged mesh: one draw call.
 */
export function createGlyphs(
  positions: Float64Array,
  signal: GlyphSignal,
  radii: readonly number[],
): THREE.Mesh {
  const template = new THREE.SphereGeometry(1, 24, 16);
  const unit = template.getAttribute('position').array as Float32Array;
  const index = template.getIndex()?.array ?? new Uint16Array(0);
  const v = unit.length / 3;
  const n = Math.min(positions.length / 3, radii.length, MAX_GLYPH_ATOMS);
  const values = evaluateSignal(signal, Float64Array.from(unit));
  let largest = 0;
  for (let k = 0; k < n * v; k++) largest = Math.max(largest, Math.abs(values[k]));
  const scale = largest > 0 ? 1 / largest : 0;

  const xyz = new Float32Array(3 * n * v);
  const rgb = new Float32Array(3 * n * v);
  const triangles = new Uint32Array(n * index.length);
  const color = new THREE.Color();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < v; j++) {
      const t = values[i * v + j] * scale;
      const r = radii[i] * (0.55 + 0.45 * Math.abs(t));
      const o = 3 * (i * v + j);
      for (let a = 0; a < 3; a++) xyz[o + a] = positions[3 * i + a] + r * unit[3 * j + a];
      const [cr, cg, cb] = divergingRgb(t);
      color.setRGB(cr, cg, cb, THREE.SRGBColorSpace);
      rgb[o] = color.r;
      rgb[o + 1] = color.g;
      rgb[o + 2] = color.b;
    }
    for (let k = 0; k < index.length; k++) triangles[i * index.length + k] = i * v + index[k];
  }
  template.dispose();
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
  geometry.setAttribute('color', new THREE.BufferAttribute(rgb, 3));
  geometry.setIndex(new THREE.BufferAttribute(triangles, 1));
  geometry.computeVertexNormals();
  const mesh = new THREE.Mesh(geometry, new THREE.MeshLambertMaterial({ vertexColors: true }));
  mesh.name = 'glyphs';
  return mesh;
}
