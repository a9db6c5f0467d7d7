import { type RefObject, useEffect, useRef, useState } from 'react';

/** What a three.js scene class offers its React view. */
export interface MountedScene {
  resize(): void;
  dispose(): void;
}

/**
 * Creates `create(container)` once the container exists, keeps it sized with the container, and
 * disposes it on unmount. A WebGL failure becomes `failure` (a message) instead of a crash.
 */
export function useThreeScene<S extends MountedScene>(
  create: (container: HTMLDivElement) => S,
  onDispose?: () => void,
): { containerRef: RefObject<HTMLDivElement | null>; sceneRef: RefObject<S | null>; failure: string | null } {
  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<S | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The factory and callback are fixed for a view's lifetime; reading them once is intended.
  const factory = useRef(create).current;
  const disposed = useRef(onDispose).current;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let scene: S;
    try {
      scene = factory(container);
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
      disposed?.();
    };
  }, [factory, disposed]);

  return { containerRef, sceneRef, failure };
}
