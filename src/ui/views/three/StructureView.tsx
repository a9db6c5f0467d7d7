import { useEffect, useRef } from 'react';
import type { StructureData } from '../../../engine/types';
import { StructureScene } from './structure-scene';
import { useThreeScene } from './use-three-scene';

function dataUrlToBlob(url: string): Blob {
  const [head, body] = url.split(',');
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5).split(';')[0] || 'image/png' });
}

/** A molecule or point cloud in three.js with Reset view and Screenshot; owns and disposes its renderer. */
export function StructureView({
  structure,
  frame,
  label,
  onScreenshot,
}: {
  structure: StructureData | null;
  frame: number;
  label: string;
  onScreenshot: (png: Blob) => void;
}) {
  const shownRef = useRef<StructureData | null>(null);
  const { containerRef, sceneRef, failure } = useThreeScene(
    (c) => new StructureScene(c),
    () => {
      shownRef.current = null;
    },
  );

  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene || !structure) return;
    scene.setFrame(structure, frame, shownRef.current !== structure);
    shownRef.current = structure;
  }, [structure, frame, sceneRef]);

  return (
    <div className="sh-view-frame structure-view-frame">
      <div className="sh-view" ref={containerRef} role="img" aria-label={label} />
      {failure && (
        <p className="view-failure" role="alert">
          The 3D view needs WebGL, which could not start here: {failure}
        </p>
      )}
      {structure && !failure && (
        <div className="view-toolbar">
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
    </div>
  );
}
