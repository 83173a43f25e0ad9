import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../shared/domain';
import type { EventSink } from '../ports';
import { write, type Db } from '../store/database';

/** Settings as one validated object; stored per name so a newer field never breaks an older file. */
export class SettingsService {
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(
    private readonly db: Db,
    private readonly events: EventSink,
  ) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT name, value FROM settings').all() as Array<{ name: string; value: string }>;
    const stored: Record<string, unknown> = {};
    for (const r of rows) {
      try {
        stored[r.name] = JSON.parse(r.value);
      } catch {
        // A damaged value falls back to its default below rather than breaking start-up.
      }
    }
    const merged = { ...DEFAULT_SETTINGS, ...stored };
    const parsed = SettingsSchema.safeParse(merged);
    if (parsed.success) return parsed.data;
    // Keep every valid field, reset only the ones that fail.
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const name of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      const one = SettingsSchema.shape[name].safeParse(merged[name]);
      if (one.success) out[name] = one.data;
    }
    return out as Settings;
  }

  update(patch: Partial<Settings>): Settings {
    // A field present but undefined means "unchanged", never "reset to nothing".
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = SettingsSchema.parse({ ...this.get(), ...given });
    write(this.db, () => {
      const upsert = this.db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value');
      for (const [name, value] of Object.entries(patch)) if (value !== undefined) upsert.run(name, JSON.stringify(next[name as keyof Settings]));
    });
    this.events.emit({ name: 'settings.changed', payload: next });
    for (const l of this.listeners) l(next);
    return next;
  }

  /** For in-process consumers (the shell's launch-at-login, the watcher's tiers). */
  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
