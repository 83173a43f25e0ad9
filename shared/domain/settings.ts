import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

/** Warning tiers in days before expiry, most distant first. "expired" is always the last tier. */
export const WarningDaysSchema = lazySchema(() =>
  z
    .array(z.number().int().min(1).max(365))
    .min(1, 'needs at least one tier')
    .max(6, 'at most 6 tiers')
    .transform((days) => [...new Set(days)].sort((a, b) => b - a))
);

export const SettingsSchema = lazySchema(() =>
  z.object({
    warningDays: WarningDaysSchema,
    /** Seconds before a copied secret is cleared from the clipboard (if it is still ours). */
    clipboardClearSeconds: z.number().int().min(5).max(600),
    launchAtLogin: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    /** One notification per key and tier, or one digest a day. */
    notificationMode: z.enum(['per-key', 'daily-digest']),
    /** Local hour (0–23) at which the daily digest is shown. */
    digestHour: z.number().int().min(0).max(23),
    /** Keep a `.env.keydeck-bak` copy of each `.env` file a rotation rewrites. Off: the old value would linger on disk. */
    envBackup: z.boolean(),
    /** A key the service last saw used more than this many days ago is "unused" (only where the service reports last use). */
    unusedDays: z.number().int().min(1).max(3650),
    /** How often the leak finder scans the chosen sources on its own. */
    leakScanSchedule: z.enum(['off', 'daily', 'weekly']),
  })
);
export type Settings = z.output<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  warningDays: [14, 3, 1],
  clipboardClearSeconds: 30,
  launchAtLogin: false,
  theme: 'system',
  notificationMode: 'per-key',
  digestHour: 9,
  envBackup: false,
  unusedDays: 30,
  leakScanSchedule: 'off',
};
