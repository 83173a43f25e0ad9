import type { ExpiryStatus } from '../../../shared/domain';
import { expiryPhrase, where } from './notices';
import { NO_FLAGS, type HygieneFlags } from './hygiene';

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
  const items = warned.slice(0, TRAY_MAX_ITEMS).map((e) => {
    const place = where(e);
    return {
      keyId: e.keyId,
      label: `${place ? `${place} · ` : ''}${e.keyName} — ${expiryPhrase(e, now)}${e.snoozed ? ' (snoozed)' : ''}`,
      severity: e.severity,
      snoozed: e.snoozed,
    };
  });
  // Hygiene flags after the expiry warnings, leaked first; a key already listed is not listed twice.
  const listed = new Set(warned.map((e) => e.keyId));
  const extra = [...flags.leaked.map((k) => ({ ...k, what: 'leaked: rotate it' })), ...flags.overPolicy.map((k) => ({ ...k, what: 'breaks its workspace policy' }))].filter((k) => !listed.has(k.keyId) && (listed.add(k.keyId), true));
  const room = Math.max(0, TRAY_MAX_ITEMS - items.length);
  items.push(...extra.slice(0, room).map((k) => ({ keyId: k.keyId, label: `${k.keyName} — ${k.what}`, severity: 1, snoozed: false })));
  const counted = new Set(status.entries.filter((e) => e.severity > 0 && !e.snoozed).map((e) => e.keyId));
  for (const k of [...flags.leaked, ...flags.overPolicy]) counted.add(k.keyId);
  const n = Math.max(status.attentionCount, counted.size);
  return {
    tooltip: n === 0 ? 'Keydeck — no keys need attention' : `Keydeck — ${n} key${n === 1 ? ' needs' : 's need'} attention`,
    badgeCount: n,
    items,
    moreCount: Math.max(0, warned.length + extra.length - items.length),
  };
}
