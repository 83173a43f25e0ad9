import { createHash } from '../crypto';
import { AppError } from '../errors';
import type { Clock, Clipboard, EventSink } from '../ports';
import type { Timers } from '../expiry/scheduler';
import type { SettingsService } from '../settings/settings-service';
import type { KeyService } from '../vault/key-service';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Copy happens here, in the main process: the secret goes from the keychain to the clipboard
 * and never through the renderer. The clear only wipes the clipboard if it still holds our
 * value (compared by hash, so the secret is not kept in memory for the comparison).
 */
export class ClipboardService {
  private ours: { hash: string; keyId: string; handle: unknown } | null = null;

  constructor(
    private readonly keys: KeyService,
    private readonly clipboard: Clipboard,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly settings: SettingsService,
    private readonly events: EventSink,
  ) {}

  async copy(keyId: string): Promise<{ id: string; clearsAt: string }> {
    const secret = await this.keys.secretFor(keyId, 'copied', async (s) => {
      try {
        await this.clipboard.writeConcealed(s);
      } catch (e) {
        // The earlier copy's clear stays scheduled: the clipboard still holds it.
        if (e instanceof AppError) throw e;
        throw new AppError('unsupported', 'The system clipboard refused the copy, so nothing was copied. Try again, or use Reveal.');
      }
      this.cancelTimer();
    });
    const seconds = this.settings.get().clipboardClearSeconds;
    const clearsAt = new Date(this.clock.now().getTime() + seconds * 1000).toISOString();
    const handle = this.timers.setTimeout(() => void this.clear(), seconds * 1000);
    this.ours = { hash: digest(secret), keyId, handle };
    this.events.emit({ name: 'clipboard.changed', payload: { keyId, clearsAt } });
    return { id: keyId, clearsAt };
  }

  /** Not a secret (a key's reference): copied as plain text, not concealed, never cleared. */
  async copyText(text: string): Promise<void> {
    await this.clipboard.writeText(text);
  }

  /** Clears now if the clipboard still holds what we put there. Returns whether it did. */
  async clear(): Promise<boolean> {
    if (!this.ours) return false;
    const ours = this.ours;
    const stillOurs = digest(await this.clipboard.readText()) === ours.hash;
    if (this.ours !== ours) return false; // a newer copy replaced it while we were reading
    if (stillOurs) this.clipboard.clear();
    this.cancelTimer();
    this.ours = null;
    this.events.emit({ name: 'clipboard.changed', payload: { keyId: null, clearsAt: null } });
    return stillOurs;
  }

  private cancelTimer(): void {
    if (this.ours) this.timers.clearTimeout(this.ours.handle);
  }
}

/** For processes without a clipboard (the CLI): copying is refused by the caller, never faked. */
export const noClipboard: Clipboard = {
  writeText: async () => {
    throw new AppError('unsupported', 'There is no clipboard here. Use `keydeck key ref KEY` and copy it from the terminal.');
  },
  writeConcealed: async () => {
    throw new AppError('unsupported', 'There is no clipboard here. Use the desktop app, or `keydeck reveal` and pipe it where you need it.');
  },
  readText: async () => '',
  clear: () => {},
};
