import { useEffect, useRef, useState } from 'react';
import type { ShFieldResult } from '../../../engine/types';
import { ShSphereScene } from './sh-sphere-scene';

/** Y_lm on a sphere (three.js, WebGL). Owns its renderer; disposes everything on unmount. */
export function ShSphereView({
  field,
  showRadius,
  label,
}: {
  field: ShFieldResult | null;
  showRadius: boolean;
  label: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<ShSphereScene | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let scene: ShSphereScene;
    try {
      scene = new ShSphereScene(container);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      return;
    }
    sceneRef.current = scene;
    const observer = new ResizeObserver(() => scene.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      scene.dispose();
      sceneRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (field) sceneRef.current?.setField(field, showRadius);
  }, [field, showRadius]);

  return (
    <div className="sh-view-frame">
      <div className="sh-view" ref={containerRef} role="img" aria-label={label} />
      {failure && (
        <p className="view-failure" role="alert">
          The 3D view needs WebGL, which could not start here: {failure}
        </p>
      )}
    </div>
  );
}
