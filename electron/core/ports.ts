import type { EventName, EventPayload } from '../../shared/contract';
import type { TrayModel } from './expiry/tray-model';

/**
 * Everything the core needs from the outside world. The composition root passes real
 * adapters; tests pass the same real ones (keychain, SQLite, HTTP) and inject only the
 * clock and the Electron-side ports.
 */

export interface Clock {
  now(): Date;
}

/** keytar's shape, kept so the adapter stays swappable. Accounts are local key ids. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
  find(): Promise<Array<{ account: string }>>;
  /** The value under `account`, or `make()` stored there once if none exists, safely across processes. */
  getOrCreate?(account: string, make: () => string): Promise<string>;
  /** Readies `account` for its first call now, so set-up work that blocks overlaps calls already in flight; never throws. */
  prepare?(account: string): void;
}

/** Every core event is a contract event: the shell forwards them to the renderer unchanged. */
export type CoreEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export interface EventSink {
  emit(event: CoreEvent): void;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Implemented by the Electron shell; the core decides what to show, the shell only shows it. */
export interface Notifier {
  notify(notice: { id: string; title: string; body: string; keyId?: string }): void;
  withdraw(id: string): void;
}

/** The tray (or any status surface): shows a model the core computed. */
export interface StatusIndicator {
  update(model: TrayModel): void;
}

/** The system clipboard, implemented by the shell. Writes mark the content as a secret where the OS has a way. */
export interface Clipboard {
  writeConcealed(text: string): Promise<void>;
  /** Plain text that is not a secret (a reference): no concealment, no clear. */
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

/** The main process's open-file dialog. Resolves null when the user cancels. */
export interface FilePicker {
  pickFile(purpose: 'env-import' | 'usage' | 'leak-folder' | 'leak-file'): Promise<string | null>;
}

/** Puts a `keydeck` link on the user's PATH (the packaged app's "Install command line tool"). */
export interface CliInstaller {
  install(): Promise<{ linkPath: string; target: string; onPath: boolean }>;
}

export const systemClock: Clock = { now: () => new Date() };
export const silentEvents: EventSink = { emit: () => {} };
export const silentNotifier: Notifier = { notify: () => {}, withdraw: () => {} };
export const noIndicator: StatusIndicator = { update: () => {} };
