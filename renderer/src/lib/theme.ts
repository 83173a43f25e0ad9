import type { Settings } from '../../../shared/domain';

/** The theme setting as a class on <html>: `system` leaves it to prefers-color-scheme. */
export function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement;
  root.classList.toggle('theme-light', theme === 'light');
  root.classList.toggle('theme-dark', theme === 'dark');
}
