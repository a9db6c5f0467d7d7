import { type RefObject, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { StructureData } from '../../../engine/types';
import type { GlyphSignal } from '../glyph-signal';
import { ScalarLegend } from '../ScalarLegend';
import type { ScalarScale } from '../scalar-scale';
import { ARROW_COLOR, OVERLAY_ARROW_COLOR, StructureScene } from './structure-scene';
import { useThreeScene } from './use-three-scene';

function dataUrlToBlob(url: string): Blob {
  const [head, body] = url.split(',');
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5).split(';')[0] || 'image/png' });
}

/** What a page may ask of the view from outside React's data flow (keyboard shortcuts, exports). */
export interface StructureViewController {
  /** Camera right and up in world coordinates. */
  screenAxes(): { right: [number, number, number]; up: [number, number, number] } | null;
  /** The canvas as a PNG, or null when there is no canvas. */
  screenshot(): Blob | null;
  resetView(): void;
}

export interface StructureViewProps {
  structure: StructureData | null;
  frame: number;
  label: string;
  onScreenshot: (png: Blob) => void;
  /** The structure's own rotation about its centre (row-major 3×3); identity when absent. */
  rotation?: readonly number[];
  /** Per-atom scalars, coloured through the legend's colormap (length = atoms). */
  atomScalars?: Float64Array | null;
  scalarLabel?: string;
  /** Per-atom vectors (packed xyz, the structure's frame): solid arrows. */
  atomVectors?: Float64Array | null;
  vectorLabel?: string;
  /** A second per-atom vector set, drawn translucent and wider around the first, for comparison. */
  overlayVectors?: Float64Array | null;
  /** Radius-graph edges as flattened atom pairs, drawn as lines. */
  graphEdges?: Uint32Array | null;
  overlayLabel?: string;
  /** Per-atom spherical signals, drawn as SH glyphs in place of the balls. */
  atomGlyphs?: GlyphSignal | null;
  glyphLabel?: string;
  /** Given: a "Rotate structure" toggle appears; dragging then calls this instead of orbiting the camera. */
  onRotate?: (axis: [number, number, number], angle: number) => void;
  controllerRef?: RefObject<StructureViewController | null>;
}

/** A molecule or point cloud in three.js with Reset view and Screenshot; owns and disposes its renderer. */
export function StructureView(props: StructureViewProps) {
  const { structure, frame, label, onScreenshot, rotation, onRotate, controllerRef } = props;
  const { atomScalars = null, atomVectors = null, overlayVectors = null, atomGlyphs = null } = props;
  const { graphEdges = null } = props;
  const shownRef = useRef<StructureData | null>(null);
  const [scale, setScale] = useState<ScalarScale | null>(null);
  const [rotating, setRotating] = useState(false);
  const onRotateRef = useRef(onRotate);
  onRotateRef.current = onRotate;
  const { containerRef, sceneRef, failure } = useThreeScene(
    (c) => new StructureScene(c),
    () => {
      shownRef.current = null;
    },
  );

  useImperativeHandle(
    controllerRef,
    () => ({
      screenAxes: () => sceneRef.current?.screenAxes() ?? null,
      screenshot: () => {
        const url = sceneRef.current?.screenshot();
        return url ? dataUrlToBlob(url) : null;
      },
      resetView: () => sceneRef.current?.resetView(),
    }),
    [sceneRef],
  );

  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene || !structure) return;
    scene.setFrame(structure, frame, shownRef.current !== structure);
    shownRef.current = structure;
    setScale(scene.scale);
  }, [structure, frame, sceneRef]);

  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene) return;
    scene.setOverlay({ atomScalars, atomVectors, overlayVectors, glyphs: atomGlyphs, graphEdges });
    setScale(scene.scale);
  }, [atomScalars, atomVectors, overlayVectors, atomGlyphs, graphEdges, sceneRef]);

  useEffect(() => {
    sceneRef.current?.setRotation(rotation ?? [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  }, [rotation, sceneRef]);

  const canRotate = onRotate !== undefined;
  useEffect(() => {
    sceneRef.current?.setRotateMode(
      rotating && canRotate ? (axis, angle) => onRotateRef.current?.(axis, angle) : null,
    );
  }, [rotating, canRotate, sceneRef]);

  const vectorsShown = atomVectors !== null || overlayVectors !== null || atomGlyphs !== null;

  return (
    <div className="sh-view-frame structure-view-frame">
      <div className="sh-view" ref={containerRef} role="img" aria-label={label} data-rotate-mode={rotating} />
      {failure && (
        <p className="view-failure" role="alert">
          The 3D view needs WebGL, which could not start here: {failure}
        </p>
      )}
      {structure && !failure && (
        <div className="view-toolbar">
          {canRotate && (
            <button
              type="button"
              aria-pressed={rotating}
              title="When on, dragging turns the structure itself (and re-runs the probe) instead of the camera"
              onClick={() => setRotating((r) => !r)}
            >
              Rotate structure
            </button>
          )}
          <button type="button" onClick={() => sceneRef.current?.resetView()}>
            Reset view
          </button>
          <button
            type="button"
            onClick={() => {
              const url = sceneRef.current?.screenshot();
              if (url) onScreenshot(dataUrlToBlob(url));
            }}
          >
            Screenshot
          </button>
        </div>
      )}
      {structure && !failure && (scale || vectorsShown) && (
        <div className="overlay-legends">
          {scale && !atomGlyphs && (
            <ScalarLegend scale={scale} title={props.scalarLabel ?? 'Per-atom value'} />
          )}
          {vectorsShown && (
            <ul className="arrow-legend" aria-label="Arrow legend">
              {atomVectors && (
                <li>
                  <span className="arrow-swatch" style={{ background: ARROW_COLOR }} />
                  {props.vectorLabel ?? 'Per-atom vectors'}
                </li>
              )}
              {atomGlyphs && (
                <li>
                  <span className="arrow-swatch glyph-swatch" />
                  Glyphs: {props.glyphLabel ?? 'per-atom signal'}, colour f(n)/max|f|
                </li>
              )}
              {overlayVectors && (
                <li>
                  <span className="arrow-swatch wide" style={{ background: OVERLAY_ARROW_COLOR }} />
                  {props.overlayLabel ?? 'Compared vectors'}
                </li>
              )}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
