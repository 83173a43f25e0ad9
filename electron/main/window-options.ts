import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The smallest window the key table stays readable in: 960 is half of a 1920-wide display, so
 * Keydeck fits beside an editor, and at 960 the table still shows name (≥ 160 px), masked key,
 * status, expiry and Copy (test/e2e/layout.test.ts checks it). 600 tall fits a 1366×768 laptop
 * with its panel and leaves ten rows. Below that, columns would have to go that people scan by.
 */
export const MIN_WINDOW = { width: 960, height: 600 } as const;

/** The checklist from design.md, in one place a test can read. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'Keydeck',
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
