import * as THREE from 'three';
import { covalentRadius, elementColor } from '../../../data/formats/elements';
import type { StructureFrameData } from '../../../engine/types';
import { divergingRgb } from '../colormap';
import type { GlyphSignal } from '../glyph-signal';
import { type ScalarScale, scalarScale, scalarT } from '../scalar-scale';
import { arrowScale, createArrows, disposeArrows } from './arrows';
import { createGlyphs, MAX_GLYPH_ATOMS } from './glyphs';

/** Primary per-atom vectors (e.g. forces, ρ(g)f(x)) and the compared set (f(g·x)), colour-blind safe. */
export const ARROW_COLOR = '#1b9e77';
export const OVERLAY_ARROW_COLOR = '#d95f02';
/** Glyph radius as a multiple of the ball's, so a glyph covers its ball. */
const GLYPH_SCALE = 1.3;

/** Per-atom results drawn on the structure, all in the structure's own frame (atom order of the file). */
export interface StructureOverlay {
  /** One value per atom: colours the atoms (or points) through the diverging colormap. */
  atomScalars?: Float64Array | null;
  /** Packed xyz per atom: solid arrows. */
  atomVectors?: Float64Array | null;
  /** A second packed xyz set, drawn as wider translucent arrows around the first. */
  overlayVectors?: Float64Array | null;
  /** Per-atom spherical signals (SH coefficients): glyphs drawn instead of the balls. */
  glyphs?: GlyphSignal | null;
  /** Graph edges as flattened atom pairs (i, j): drawn as line segments between the atoms. */
  graphEdges?: Uint32Array | null;
}

/** Edges of the radius graph: thin, neutral, behind the arrows. */
const EDGE_COLOR = '#7f8c9d';

/** What the overlay draws on: the atoms' balls (molecules) or the cloud's points, and their radii. */
export interface OverlayTarget {
  frame: StructureFrameData;
  atoms: THREE.InstancedMesh | THREE.Points;
  /** Ball radius of element `e` (molecules). */
  ballRadius: (element: string) => number;
}

/**
 * The per-atom layer of the structure scene: atom colours (element, height or scalars), arrows
 * and glyphs, rebuilt whenever the overlay or the frame changes; owns and frees what it adds.
 */
export class OverlayLayer {
  private arrows: THREE.Group | null = null;
  private glyphs: THREE.Mesh | null = null;
  private edges: THREE.LineSegments | null = null;
  /** The colour scale of the atom scalars on display, for the legend (null when none). */
  scale: ScalarScale | null = null;

  constructor(private readonly parent: THREE.Group) {}

  apply(target: OverlayTarget | null, overlay: StructureOverlay): void {
    this.clear();
    if (!target) return;
    const { frame, atoms } = target;
    const n = frame.positions.length / 3;
    const scalars = overlay.atomScalars?.length === n ? overlay.atomScalars : null;
    this.scale = scalars ? scalarScale(scalars) : null;
    colorAtoms(frame, atoms, scalars, this.scale);

    const signal = overlay.glyphs;
    atoms.visible = true;
    if (signal && atoms instanceof THREE.InstancedMesh && n <= MAX_GLYPH_ATOMS) {
      if (signal.coefficients.length === n * (signal.lmax + 1) ** 2) {
        const radii = frame.elements.map((e) => GLYPH_SCALE * target.ballRadius(e));
        this.glyphs = createGlyphs(frame.positions, signal, radii);
        this.parent.add(this.glyphs);
        atoms.visible = false;
      }
    }

    const pairs = overlay.graphEdges;
    if (pairs && pairs.length > 0 && pairs.every((i) => i < n)) {
      this.edges = createEdges(frame.positions, pairs);
      this.parent.add(this.edges);
    }

    const fits = (v: Float64Array | null | undefined) => (v && v.length === 3 * n ? v : null);
    const primary = fits(overlay.atomVectors);
    const second = fits(overlay.overlayVectors);
    const scale = arrowScale([primary, second]);
    if (scale === 0) return;
    const group = new THREE.Group();
    if (second)
      group.add(
        createArrows(frame.positions, second, scale, {
          color: OVERLAY_ARROW_COLOR,
          width: 1.7,
          opacity: 0.4,
        }),
      );
    if (primary) group.add(createArrows(frame.positions, primary, scale, { color: ARROW_COLOR }));
    this.arrows = group;
    this.parent.add(group);
  }

  /** Removes and frees the arrows, glyphs and edges (the atoms belong to the scene). */
  clear(): void {
    this.scale = null;
    if (this.edges) {
      this.parent.remove(this.edges);
      this.edges.geometry.dispose();
      (this.edges.material as THREE.Material).dispose();
      this.edges = null;
    }
    if (this.arrows) {
      this.parent.remove(this.arrows);
      disposeArrows(this.arrows);
      this.arrows = null;
    }
    if (this.glyphs) {
      this.parent.remove(this.glyphs);
      this.glyphs.geometry.dispose();
      (this.glyphs.material as THREE.Material).dispose();
      this.glyphs = null;
    }
  }
}

/** One line segment per pair, in a single draw call (10⁶ edges stay one buffer). */
function createEdges(positions: Float64Array, pairs: Uint32Array): THREE.LineSegments {
  const vertices = new Float32Array(3 * pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const atom = pairs[k];
    vertices[3 * k] = positions[3 * atom];
    vertices[3 * k + 1] = positions[3 * atom + 1];
    vertices[3 * k + 2] = positions[3 * atom + 2];
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(vertices, 3));
  const material = new THREE.LineBasicMaterial({ color: EDGE_COLOR, transparent: true, opacity: 0.7 });
  return new THREE.LineSegments(geometry, material);
}

/** Element colours (molecules) or height colours (point clouds), or the scalars through the colormap. */
function colorAtoms(
  frame: StructureFrameData,
  target: THREE.InstancedMesh | THREE.Points,
  scalars: Float64Array | null,
  scale: ScalarScale | null,
): void {
  const n = frame.positions.length / 3;
  const color = new THREE.Color();
  const scalarColor = (i: number) => {
    const [r, g, b] = divergingRgb(scale && scalars ? scalarT(scale, scalars[i]) : 0);
    return color.setRGB(r, g, b, THREE.SRGBColorSpace);
  };
  if (target instanceof THREE.InstancedMesh) {
    for (let i = 0; i < n; i++)
      target.setColorAt(i, scalars ? scalarColor(i) : color.setHex(elementColor(frame.elements[i])));
    if (target.instanceColor) target.instanceColor.needsUpdate = true;
    return;
  }
  const attribute = target.geometry.getAttribute('color') as THREE.BufferAttribute;
  const colors = attribute.array as Float32Array;
  if (scalars) for (let i = 0; i < n; i++) colors.set(scalarColor(i).toArray(), 3 * i);
  else heightColors(frame.positions, colors);
  attribute.needsUpdate = true;
}

/** Point-cloud colours by height (y), so depth reads without lighting; written into `colors` (linear RGB). */
function heightColors(positions: Float64Array, colors: Float32Array): void {
  const n = positions.length / 3;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, positions[3 * i + 1]);
    hi = Math.max(hi, positions[3 * i + 1]);
  }
  const color = new THREE.Color();
  for (let i = 0; i < n; i++) {
    const t = hi > lo ? (2 * (positions[3 * i + 1] - lo)) / (hi - lo) - 1 : 0;
    const [r, g, b] = divergingRgb(0.85 * t);
    color.setRGB(r, g, b, THREE.SRGBColorSpace);
    colors[3 * i] = color.r;
    colors[3 * i + 1] = color.g;
    colors[3 * i + 2] = color.b;
  }
}

/** Ball radius for an element (ball-and-stick), shared by the scene and the glyphs. */
export function ballRadius(ballScale: number, fallback: number): (element: string) => number {
  return (element) => ballScale * (covalentRadius(element) ?? fallback);
}
