/**
 * The built renderer in Debian Chromium, its `window.keydeck` wired to the real core running in
 * this process: the same contract as the Electron preload, another transport. Nothing is
 * built here; test/run.mjs builds out/renderer when sources are newer.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import { silentLogger } from '../../electron/core/log';
import type { CoreEvent, SecretStore } from '../../electron/core/ports';
import { KeyringSecretStore } from '../../electron/core/store/keyring-secret-store';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { EVENTS } from '../../shared/contract/names';
import { TestClock, testService } from '../helpers/test-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIR = join(root, 'out/renderer');
export const SCREENSHOT_DIR = join(root, 'test-results/screenshots');
export const VIEWPORT = { width: 1280, height: 800 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** out/renderer over http with the app's CSP as a header, as the app:// protocol handler serves it. */
export async function serveRenderer(dir = RENDERER_DIR): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !isFile(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // --password-store=basic: the test browser must never use the Secret Service the tests' keychain runs on.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--password-store=basic'],
  });
}

/** The real core (real keychain under a throwaway service, real SQLite in a temp dir) whose events reach the page. */
export interface E2ECore extends Core {
  dataDir: string;
  service: string;
  secrets: SecretStore;
  clock: TestClock;
  events: CoreEvent[];
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
}

export interface App {
  page: Page;
  core: E2ECore;
  /** console.error output, uncaught page errors and failed requests: tests assert it stays empty. */
  consoleErrors: string[];
  cspViolations: CspViolation[];
  screenshot(name: string): Promise<string>;
  /** The same screen in both themes: `<name>-light.png` and `<name>-dark.png`; leaves the page in light. */
  screenshots(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Runs in the page before any of its scripts: plays the preload's part. */
function installBridge(events: string[]): void {
  type Listener = (payload: unknown) => void;
  const w = window as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const listeners = new Map<string, Set<Listener>>();
  Object.defineProperty(window, 'keydeck', {
    value: Object.freeze({
      invoke: (channel: string, input: unknown) => w.__keydeckInvoke!(channel, input),
      on(event: string, listener: Listener) {
        if (!events.includes(event)) throw new TypeError(`Unknown event ${JSON.stringify(event)}`);
        const set = listeners.get(event) ?? new Set<Listener>();
        listeners.set(event, set);
        set.add(listener);
        return () => void set.delete(listener);
      },
    }),
  });
  Object.defineProperty(window, '__keydeckEmit', {
    value: (name: string, payload: unknown) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    void w.__keydeckCspViolation!({ directive: e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample });
  });
}

export interface OpenAppOptions {
  colorScheme?: 'light' | 'dark';
  /** Defaults to the fixed test date; specs that talk to the imitations use the real now, as they do. */
  clock?: TestClock;
  /** What the Electron shell would pass: provider HTTP (short timeouts), a clipboard, timers. */
  deps?: Partial<Pick<CoreDeps, 'http' | 'clipboard' | 'timers' | 'secrets' | 'files' | 'leaks' | 'leakSummary'>>;
  /** Runs on the core before the page loads (events reach no page yet): the bench seeds 10,000 keys here. */
  beforeLoad?: (core: Core) => Promise<void>;
  /** Leave the page's clock alone (the bench measures with performance.now). */
  realPageClock?: boolean;
}

/**
 * Closes the app, then whatever else the file started (in order), and fails if the page logged
 * an error or the CSP blocked anything while it ran.
 */
export async function closeClean(app: App, ...after: Array<() => unknown>): Promise<void> {
  const { consoleErrors, cspViolations } = app;
  await app.close();
  for (const step of after) await step();
  expect(cspViolations).toEqual([]);
  expect(consoleErrors).toEqual([]);
}

export async function openApp(browser: Browser, opts: OpenAppOptions = {}): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keydeck-e2e-'));
  const service = testService();
  const secrets: SecretStore = opts.deps?.secrets ?? new KeyringSecretStore(service);
  const clock = opts.clock ?? new TestClock();
  const events: CoreEvent[] = [];
  let page: Page | null = null;
  const consoleErrors: string[] = [];
  const cspViolations: CspViolation[] = [];

  const core = createCore({
    ...opts.deps,
    dataDir,
    secrets,
    clock,
    // Never a person's shell history: a spec that wants one passes its own folder.
    leaks: opts.deps?.leaks ?? { shellHome: null },
    logger: silentLogger,
    events: {
      // What the Electron shell does with webContents.send: push every core event to the page.
      emit(event) {
        events.push(event);
        page?.evaluate(({ name, payload }) => (window as unknown as { __keydeckEmit(n: string, p: unknown): void }).__keydeckEmit(name, payload), event).catch((e: unknown) => {
          if (page && !page.isClosed()) consoleErrors.push(`event delivery failed: ${String(e)}`);
        });
      },
    },
  });
  const e2eCore: E2ECore = { ...core, dataDir, service, secrets, clock, events };
  await opts.beforeLoad?.(core);
  // As the app does: another process's commits (the CLI) reach the page as vault.changed events.
  core.changes.start();

  const server = await serveRenderer();
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: opts.colorScheme ?? 'light', reducedMotion: 'reduce' });
  page = await context.newPage();
  // Fail fast and readably: every wait in these specs is for something that takes milliseconds.
  page.setDefaultTimeout(10_000);
  // The page's clock agrees with the core's, so "in 3 days" and the status badge tell the same story.
  if (!opts.realPageClock) await page.clock.setFixedTime(clock.now());
  await page.exposeBinding('__keydeckInvoke', (_source, channel: unknown, input: unknown) => core.router.invoke(channel, input));
  await page.exposeBinding('__keydeckCspViolation', (_source, v: CspViolation) => void cspViolations.push(v));
  await page.addInitScript(installBridge, [...EVENTS]);
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  await page.goto(server.url);
  const p = page;
  const screenshot = async (name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await p.screenshot({ path, animations: 'disabled', caret: 'hide' });
    return path;
  };

  return {
    page: p,
    core: e2eCore,
    consoleErrors,
    cspViolations,
    screenshot,
    async screenshots(name) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await p.emulateMedia({ colorScheme });
        await screenshot(`${name}-${colorScheme}`);
      }
      await p.emulateMedia({ colorScheme: 'light' });
    },
    async close() {
      page = null;
      await context.close();
      await server.close();
      core.close();
      for (const { account } of await secrets.find().catch(() => [])) await secrets.delete(account).catch(() => false);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
