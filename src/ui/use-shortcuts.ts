import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  /** Space: start or stop the page's long task. */
  onSpace?: () => void;
  /** Arrow keys: turn by one step; dx = ±1 (left/right), dy = ±1 (up/down). */
  onArrow?: (dx: number, dy: number) => void;
  /** `?`: show the list of shortcuts. */
  onHelp?: () => void;
}

/** Keys typed into a field, or pressed on a control that uses them itself, are not shortcuts. */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    // Text-like inputs own every key; checkboxes and buttons own only space; ranges own arrows.
    if (type === 'range') return key.startsWith('Arrow');
    if (type === 'checkbox' || type === 'radio' || type === 'button' || type === 'submit') return key === ' ';
    return true;
  }
  if ((tag === 'BUTTON' || tag === 'A' || target.getAttribute('role') === 'button') && key === ' ')
    return true;
  return target.closest('dialog[open]') !== null;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Page-wide keyboard shortcuts (window keydown), active while the calling component is mounted. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (ownsKeys(event.target, event.key)) return;
      const h = ref.current;
      if (event.key === ' ' && h.onSpace) {
        event.preventDefault(); // no page scroll
        h.onSpace();
      } else if (event.key in ARROWS && h.onArrow) {
        event.preventDefault();
        const [dx, dy] = ARROWS[event.key];
        h.onArrow(dx, dy);
      } else if (event.key === '?' && h.onHelp) {
        event.preventDefault();
        h.onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
