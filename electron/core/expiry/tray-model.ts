import type { ExpiryStatus } from '../../../shared/domain';
import { expiryPhrase, where } from './notices';
import { NO_FLAGS, type FlaggedKey, type HygieneFlags } from './hygiene';

export interface TrayItem {
  keyId: string;
  label: string;
  severity: number;
  snoozed: boolean;
}

export interface TrayModel {
  tooltip: string;
  badgeCount: number;
  items: TrayItem[];
  /** Warned keys not listed because the menu keeps only the most urgent. */
  moreCount: number;
}

export const TRAY_MAX_ITEMS = 8;

/**
 * Pure: what the tray shows for a watcher state and the health flags. The badge counts each key
 * once, whether it is expiring, breaks its workspace's policy or leaked. The shell only turns
 * this into a native menu.
 */
export function trayModel(status: ExpiryStatus, now: Date, flags: HygieneFlags = NO_FLAGS): TrayModel {
  const warned = status.entries.filter((e) => e.severity > 0);
  // A leaked secret is usable by someone else today: those keys come first, above every expiry tier.
  const leaked = new Set(flags.leaked.map((k) => k.keyId));
  const all: TrayItem[] = [
    ...flags.leaked.map((k) => ({ keyId: k.keyId, label: `${k.keyName} — ${leakPhrase(k)}`, severity: LEAK_SEVERITY, snoozed: false })),
    ...warned.filter((e) => !leaked.has(e.keyId)).map((e) => {
      const place = where(e);
      return {
        keyId: e.keyId,
        label: `${place ? `${place} · ` : ''}${e.keyName} — ${expiryPhrase(e, now)}${e.snoozed ? ' (snoozed)' : ''}`,
        severity: e.severity,
        snoozed: e.snoozed,
      };
    }),
  ];
  // Over-policy keys after the expiry warnings; a key already listed is not listed twice.
  const listed = new Set(all.map((i) => i.keyId));
  for (const k of flags.overPolicy) if (!listed.has(k.keyId)) all.push({ keyId: k.keyId, label: `${k.keyName} — breaks its workspace policy`, severity: 1, snoozed: false });
  const items = all.slice(0, TRAY_MAX_ITEMS);
  const counted = new Set(status.entries.filter((e) => e.severity > 0 && !e.snoozed).map((e) => e.keyId));
  for (const k of [...flags.leaked, ...flags.overPolicy]) counted.add(k.keyId);
  const n = Math.max(status.attentionCount, counted.size);
  const leakedText = leaked.size ? `${leaked.size} leaked key${leaked.size === 1 ? '' : 's'}, ` : '';
  return {
    tooltip: n === 0 ? 'Keydeck — no keys need attention' : `Keydeck — ${leakedText}${n} key${n === 1 ? ' needs' : 's need'} attention`,
    badgeCount: n,
    items,
    moreCount: all.length - items.length,
  };
}

const LEAK_SEVERITY = 10;

function leakPhrase(k: FlaggedKey): string {
  if (k.findings === undefined) return 'leaked: rotate it';
  return `leaked (${k.findings} place${k.findings === 1 ? '' : 's'}${k.exposed ? ', pushed' : ''})`;
}
