import { useEffect, useState } from 'react';

/** The page id in `#/id`, or `fallback` when the hash names none of `known`. Hash routing works on any static host. */
export function useHashRoute(known: readonly string[], fallback: string): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const id = hash.replace(/^#\/?/, '');
  return known.includes(id) ? id : fallback;
}
