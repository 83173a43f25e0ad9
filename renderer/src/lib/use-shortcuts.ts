import { useEffect } from 'react';
import { copyKey, openRotate } from './actions';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';
import { SEARCH_ID } from '../components/SearchBox';

/** The table's rows in order, kept current by the key screen (the DOM holds only the visible ones). */
export const visibleKeyIds: { current: string[] } = { current: [] };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * `/` search, ↑↓ move through the table, `c` copy, `r` rotate, Esc closes the details.
 * Never while typing or while a dialog is open (dialogs handle their own keys).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      const view = useView.getState();
      if (view.screen !== 'keys') return;
      if (e.key === '/' && !isTyping(e.target)) {
        const input = document.getElementById(SEARCH_ID);
        if (input instanceof HTMLInputElement) {
          e.preventDefault();
          input.focus();
          input.select();
        }
        return;
      }
      if (isTyping(e.target) && !(e.target instanceof HTMLInputElement && e.target.id === SEARCH_ID && e.key.startsWith('Arrow'))) return;
      const selected = view.selectedKeyId ? useVault.getState().keys.find((k) => k.id === view.selectedKeyId) : undefined;
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          const ids = visibleKeyIds.current;
          if (ids.length === 0) return;
          e.preventDefault();
          const at = view.selectedKeyId ? ids.indexOf(view.selectedKeyId) : -1;
          const next = at < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
          view.selectKey(ids[next]!);
          // Focus follows, so screen readers read the row and Tab continues from there.
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`tr[data-key-id="${ids[next]}"] .key-select`)?.focus());
          return;
        }
        case 'c':
          // copyKey says why when there is no secret to copy, instead of doing nothing.
          if (selected) {
            e.preventDefault();
            void copyKey(selected);
          }
          return;
        case 'r':
          if (selected) {
            e.preventDefault();
            openRotate(selected);
          }
          return;
        case 'Escape':
          if (view.selectedKeyId && !document.querySelector('.reveal-popover, .menu')) {
            e.preventDefault();
            const id = view.selectedKeyId;
            view.selectKey(null);
            requestAnimationFrame(() => document.querySelector<HTMLElement>(`tr[data-key-id="${id}"] .key-select`)?.focus());
          }
          return;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
