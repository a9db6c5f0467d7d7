import { useEffect, useState } from 'react';
import { parseHash } from './hash-state';

/** The current `window.location.hash`, updated on every hashchange. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

/**
 * The page id in `#/id` (or `#/id?view-state`), or `fallback` when the hash names none of `known`.
 * Hash routing works on any static host.
 */
export function useHashRoute(known: readonly string[], fallback: string): string {
  const id = parseHash(useHash()).page;
  return known.includes(id) ? id : fallback;
}
