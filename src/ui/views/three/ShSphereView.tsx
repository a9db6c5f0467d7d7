import { useEffect } from 'react';
import type { ShFieldResult } from '../../../engine/types';
import { ShSphereScene } from './sh-sphere-scene';
import { useThreeScene } from './use-three-scene';

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
  const { containerRef, sceneRef, failure } = useThreeScene((c) => new ShSphereScene(c));

  useEffect(() => {
    const scene = sceneRef.current;
    if (field && scene) scene.setField(field, showRadius);
  }, [field, showRadius, sceneRef]);

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
