import { useEffect, useState } from 'react';

/**
 * A number that changes whenever the effective theme may have changed: the user's toggle
 * (data-theme on <html>) or the system preference. Plots that take colours from CSS variables
 * redraw when it changes.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media?.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

/** The current value of a CSS custom property on <html>, e.g. cssColor('--text'). */
export function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
